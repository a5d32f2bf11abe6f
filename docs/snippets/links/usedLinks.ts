// Connect links spent once across every instance of your server: a table of used link ids whose
// primary key is the link's `jti`, so of two instances racing on one link exactly one insert
// wins. The same SQL runs on PostgreSQL (node-postgres) and PGlite; the demo server uses this file.
import type { PyasConnectLinksOptions } from '../../../src/server/index.js'

/** What a node-postgres `Pool` or `Client` and a PGlite database have in common. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>
}

/** Run once at start-up (or put it in your migrations). */
export const USED_LINKS_TABLE = `CREATE TABLE IF NOT EXISTS pyas_used_links (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
)`

/** `consume` for `createConnectLinks`: `true` the first time a link is spent, `false` after. */
export function consumeLinksIn(db: SqlClient): NonNullable<PyasConnectLinksOptions['consume']> {
  return async (jti, exp) => {
    const { rows } = await db.query(
      `INSERT INTO pyas_used_links (jti, expires_at) VALUES ($1, to_timestamp($2))
       ON CONFLICT (jti) DO NOTHING
       RETURNING jti`,
      [jti, exp],
    )
    // An expired link is refused before it gets here, so its row is no longer needed.
    await db.query('DELETE FROM pyas_used_links WHERE expires_at < now()')
    return rows.length === 1
  }
}

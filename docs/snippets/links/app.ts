// Stand-ins for the app code the links snippets import: a database and a session lookup. Here the
// database is PGlite in memory, so the tests run the snippets' SQL on PostgreSQL's own engine.
import { PGlite } from '@electric-sql/pglite'

/** Your database client (a node-postgres `Pool` in production). */
export const db = new PGlite()

/** The signed-in user's id from the request's session cookie; `null` when signed out. */
export async function getUserId(request: Request): Promise<string | null> {
  const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')
  return match?.[1] ?? null
}

/** The accounts the proxy's `onConnected` saved, one row per call. */
export const saved: { userId: string; accountId: string; provider: string }[] = []

export async function saveCalendarAccount(userId: string, accountId: string, provider: string) {
  saved.push({ userId, accountId, provider })
}

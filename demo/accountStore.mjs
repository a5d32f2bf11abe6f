// The demo's database: its users (a cookie session each) and the calendar accounts they connected.
// The same SQL runs on two engines:
//   - embedded PGlite (PostgreSQL compiled to WebAssembly) in a data folder, the default, so
//     `npm start` needs nothing installed;
//   - a PostgreSQL server through node-postgres when `databaseUrl` (DATABASE_URL) is given.
// Rows are written only by the server: the proxy's `onConnected` (the account Pyas returned) and the
// webhook handler (status changes). Nothing the browser sends is stored as an account.

import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/** @typedef {{ accountId: string, provider: string, email?: string, name?: string, status: string, scopes?: string[] }} PyasAccountLike */
/** @typedef {{ accountId: string, provider: string, email: string | null, name: string | null, status: string, scopes: string[], connectedAt: string, updatedAt: string }} StoredAccount */
/** @typedef {{ id: string, name: string, email: string }} DemoUser */

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS demo_users (
     id         text PRIMARY KEY,
     name       text NOT NULL,
     email      text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS demo_accounts (
     -- Insertion order, for listing (two rows may share a timestamp).
     seq          bigint GENERATED ALWAYS AS IDENTITY,
     user_id      text NOT NULL REFERENCES demo_users (id) ON DELETE CASCADE,
     account_id   text NOT NULL,
     provider     text NOT NULL,
     email        text,
     name         text,
     status       text NOT NULL,
     scopes       jsonb NOT NULL DEFAULT '[]'::jsonb,
     connected_at timestamptz NOT NULL DEFAULT now(),
     updated_at   timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (user_id, account_id)
   )`,
  // Webhooks name the account only, not the user.
  'CREATE INDEX IF NOT EXISTS demo_accounts_account_id ON demo_accounts (account_id)',
  // Offline only: what the embedded fake Pyas knows, so a restart does not make "Pyas" forget
  // the accounts (real Pyas keeps them; the fake lives in memory).
  `CREATE TABLE IF NOT EXISTS demo_fake_pyas_accounts (
     account_id text PRIMARY KEY,
     provider   text NOT NULL,
     email      text,
     name       text NOT NULL,
     status     text NOT NULL
   )`,
  // The calendars a user chose for one of their accounts (calendarsApi.mjs): checked for conflicts,
  // and where new bookings go. Gone with the account row (Disconnect, or Pyas deleted it).
  `CREATE TABLE IF NOT EXISTS demo_calendar_selections (
     user_id     text NOT NULL,
     account_id  text NOT NULL,
     conflicts   jsonb NOT NULL,
     destination text,
     updated_at  timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (user_id, account_id),
     FOREIGN KEY (user_id, account_id) REFERENCES demo_accounts (user_id, account_id)
       ON DELETE CASCADE
   )`,
  // When Pyas last said an account's calendars changed (a calendars.* webhook), so a page showing
  // them knows to list them again.
  `CREATE TABLE IF NOT EXISTS demo_calendar_changes (
     account_id text PRIMARY KEY,
     changed_at timestamptz NOT NULL DEFAULT now()
   )`,
]

const ACCOUNT_COLUMNS = `account_id AS "accountId", provider, email, name, status, scopes,
  connected_at AS "connectedAt", updated_at AS "updatedAt"`

const iso = (value) => (value instanceof Date ? value.toISOString() : String(value))
const jsonArray = (value) => {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(parsed) ? parsed : []
}

/** A saved calendar choice as the API returns it. */
function toSelection(row) {
  return {
    conflicts: jsonArray(row.conflicts),
    destination: row.destination ?? null,
    updatedAt: iso(row.updatedAt),
  }
}

/** One row as the API returns it: dates as ISO strings, scopes as an array on both engines. */
function toAccount(row) {
  return {
    accountId: row.accountId,
    provider: row.provider,
    email: row.email ?? null,
    name: row.name ?? null,
    status: row.status,
    scopes: jsonArray(row.scopes),
    connectedAt: iso(row.connectedAt),
    updatedAt: iso(row.updatedAt),
  }
}

/** `{query(sql, params) → {rows}, close()}` over PGlite or node-postgres. */
async function openEngine({ databaseUrl, dataDir }) {
  if (databaseUrl) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 })
    return {
      kind: 'postgres',
      query: (sql, params) => pool.query(sql, params),
      close: () => pool.end(),
    }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  // PGlite creates its own folder but not the folders above it (a fresh clone has no .demo-data).
  if (dataDir) await mkdir(dirname(resolve(dataDir)), { recursive: true })
  // `undefined` keeps the database in memory (tests); a path keeps it on disk across restarts.
  const db = dataDir ? new PGlite(dataDir) : new PGlite()
  await db.waitReady
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
  }
}

/**
 * Opens (and creates, the first time) the demo's tables.
 * @param {{ databaseUrl?: string, dataDir?: string }} [options] `databaseUrl` (postgres://…) wins;
 *   else PGlite in `dataDir`, or in memory without one.
 */
export async function openAccountStore({ databaseUrl, dataDir } = {}) {
  const engine = await openEngine({ databaseUrl, dataDir })
  try {
    for (const statement of SCHEMA) await engine.query(statement)
  } catch (error) {
    await engine.close().catch(() => {})
    throw error
  }
  const query = async (sql, params = []) => (await engine.query(sql, params)).rows

  return {
    /** `'pglite'` or `'postgres'`. */
    kind: engine.kind,

    /** @returns {Promise<DemoUser | undefined>} */
    async getUser(id) {
      const [row] = await query('SELECT id, name, email FROM demo_users WHERE id = $1', [id])
      return row
    },

    /** Creates the user, or updates their profile. @returns {Promise<DemoUser>} */
    async saveUser({ id, name, email }) {
      const [row] = await query(
        `INSERT INTO demo_users (id, name, email) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
         RETURNING id, name, email`,
        [id, name, email],
      )
      return row
    },

    /**
     * Saves an account Pyas connected for the user. Connecting the same account again (a reconnect:
     * same `accountId`) updates its row, so there is never a duplicate.
     * @param {string} userId
     * @param {PyasAccountLike} account
     * @returns {Promise<StoredAccount>}
     */
    async upsertAccount(userId, account) {
      const [row] = await query(
        `INSERT INTO demo_accounts (user_id, account_id, provider, email, name, status, scopes)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
         ON CONFLICT (user_id, account_id) DO UPDATE SET
           provider = EXCLUDED.provider, email = EXCLUDED.email, name = EXCLUDED.name,
           status = EXCLUDED.status, scopes = EXCLUDED.scopes, updated_at = now()
         RETURNING ${ACCOUNT_COLUMNS}`,
        [
          userId,
          account.accountId,
          account.provider,
          account.email ?? null,
          account.name ?? null,
          account.status,
          JSON.stringify(Array.isArray(account.scopes) ? account.scopes : []),
        ],
      )
      return toAccount(row)
    },

    /** The user's accounts, oldest connection first. @returns {Promise<StoredAccount[]>} */
    async listAccounts(userId) {
      const rows = await query(
        `SELECT ${ACCOUNT_COLUMNS} FROM demo_accounts WHERE user_id = $1
         ORDER BY seq`,
        [userId],
      )
      return rows.map(toAccount)
    },

    /** The user's row of this account, or `undefined` when it is not theirs. */
    async getAccount(userId, accountId) {
      const [row] = await query(
        `SELECT ${ACCOUNT_COLUMNS} FROM demo_accounts WHERE user_id = $1 AND account_id = $2`,
        [userId, accountId],
      )
      return row ? toAccount(row) : undefined
    },

    /** Whether the user has this account (so a user may act only on their own rows). */
    async hasAccount(userId, accountId) {
      const rows = await query(
        'SELECT 1 FROM demo_accounts WHERE user_id = $1 AND account_id = $2',
        [userId, accountId],
      )
      return rows.length > 0
    },

    /**
     * Sets the status of every row of an account (a webhook names the account, not the user), or
     * only of the rows of `userIds` when given. Idempotent, as webhook receivers must be: Pyas may
     * deliver an event twice.
     * @param {string} accountId
     * @param {string} status
     * @param {Iterable<string>} [userIds]
     * @returns {Promise<number>} the rows changed
     */
    async setStatus(accountId, status, userIds) {
      const rows =
        userIds === undefined
          ? await query(
              `UPDATE demo_accounts SET status = $2, updated_at = now()
               WHERE account_id = $1 AND status <> $2 RETURNING account_id`,
              [accountId, status],
            )
          : await query(
              `UPDATE demo_accounts SET status = $2, updated_at = now()
               WHERE account_id = $1 AND status <> $2 AND user_id = ANY($3::text[])
               RETURNING account_id`,
              [accountId, status, [...userIds]],
            )
      return rows.length
    },

    /** Removes an account from every user (Pyas deleted it). @returns {Promise<number>} */
    async removeAccount(accountId, userId) {
      const rows =
        userId === undefined
          ? await query('DELETE FROM demo_accounts WHERE account_id = $1 RETURNING account_id', [
              accountId,
            ])
          : await query(
              'DELETE FROM demo_accounts WHERE account_id = $1 AND user_id = $2 RETURNING account_id',
              [accountId, userId],
            )
      return rows.length
    },

    /**
     * The user's saved calendar choice for one of their accounts, or `undefined` when none was saved.
     * @returns {Promise<{ conflicts: string[], destination: string | null, updatedAt: string } | undefined>}
     */
    async getCalendarSelection(userId, accountId) {
      const [row] = await query(
        `SELECT conflicts, destination, updated_at AS "updatedAt" FROM demo_calendar_selections
         WHERE user_id = $1 AND account_id = $2`,
        [userId, accountId],
      )
      return row ? toSelection(row) : undefined
    },

    /**
     * Saves the user's calendar choice for an account (already checked against the account's
     * calendars by the caller). Only for a row of theirs: `undefined` when there is none.
     */
    async saveCalendarSelection(userId, accountId, { conflicts, destination }) {
      const [row] = await query(
        `INSERT INTO demo_calendar_selections (user_id, account_id, conflicts, destination)
         SELECT user_id, account_id, $3::jsonb, $4 FROM demo_accounts
         WHERE user_id = $1 AND account_id = $2
         ON CONFLICT (user_id, account_id) DO UPDATE SET conflicts = EXCLUDED.conflicts,
           destination = EXCLUDED.destination, updated_at = now()
         RETURNING conflicts, destination, updated_at AS "updatedAt"`,
        [userId, accountId, JSON.stringify(conflicts), destination],
      )
      return row ? toSelection(row) : undefined
    },

    /** Records that Pyas said the account's calendars changed (idempotent: the time moves on). */
    async markCalendarsChanged(accountId) {
      await query(
        `INSERT INTO demo_calendar_changes (account_id) VALUES ($1)
         ON CONFLICT (account_id) DO UPDATE SET changed_at = clock_timestamp()`,
        [accountId],
      )
    },

    /** When a calendars webhook last named the account (ISO), or `null`. */
    async calendarsChangedAt(accountId) {
      const [row] = await query(
        'SELECT changed_at AS "changedAt" FROM demo_calendar_changes WHERE account_id = $1',
        [accountId],
      )
      return row ? iso(row.changedAt) : null
    },

    /** Offline: the fake Pyas's accounts, as last seen. */
    listFakeAccounts() {
      return query(
        'SELECT account_id AS "accountId", provider, email, name, status FROM demo_fake_pyas_accounts',
      )
    },

    /** Offline: records an account the fake Pyas connected, or a change of its status. */
    async saveFakeAccount({ accountId, provider, email, name, status }) {
      await query(
        `INSERT INTO demo_fake_pyas_accounts (account_id, provider, email, name, status)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id) DO UPDATE SET provider = EXCLUDED.provider,
           email = EXCLUDED.email, name = EXCLUDED.name, status = EXCLUDED.status`,
        [accountId, provider, email ?? null, name ?? '', status],
      )
    },

    async removeFakeAccount(accountId) {
      await query('DELETE FROM demo_fake_pyas_accounts WHERE account_id = $1', [accountId])
    },

    close: () => engine.close(),
  }
}

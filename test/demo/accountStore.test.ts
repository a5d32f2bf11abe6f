// @vitest-environment node
// The demo's account store, the same tests on both engines: embedded PGlite (always) and a
// PostgreSQL server through node-postgres when DATABASE_URL is set (CI starts one).
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AccountStore, openAccountStore } from '../../demo/accountStore.mjs'

const DATABASE_URL = process.env.DATABASE_URL

const engines: Array<{ engine: string; options: { databaseUrl?: string } }> = [
  { engine: 'PGlite (in memory)', options: {} },
  { engine: 'PostgreSQL (DATABASE_URL)', options: { databaseUrl: DATABASE_URL } },
]

if (!DATABASE_URL) {
  console.info(
    'accountStore: DATABASE_URL is not set, so the PostgreSQL server tests are skipped ' +
      '(CI sets it; run `DATABASE_URL=postgres://… npx vitest run test/demo/accountStore.test.ts`)',
  )
}

/** Ids unique to this run: a real server may hold rows from earlier runs. */
const unique = (prefix: string) => `${prefix}_${randomUUID()}`

const google = (accountId: string, extra: Record<string, unknown> = {}) => ({
  accountId,
  provider: 'google',
  email: 'ada@example.com',
  status: 'active',
  scopes: ['https://www.googleapis.com/auth/calendar'],
  ...extra,
})

describe.each(engines)('account store on $engine', ({ engine, options }) => {
  const skip = engine.startsWith('PostgreSQL') && !DATABASE_URL
  let store: AccountStore
  let ada: string
  let grace: string

  beforeAll(async () => {
    if (skip) return
    store = await openAccountStore(options)
    ada = unique('user')
    grace = unique('user')
    await store.saveUser({ id: ada, name: 'Ada Lovelace', email: 'ada@example.com' })
    await store.saveUser({ id: grace, name: 'Grace Hopper', email: 'grace@example.com' })
  }, 30_000)
  afterAll(async () => {
    await store?.close()
  })

  it.skipIf(skip)('reports its engine', () => {
    expect(store.kind).toBe(options.databaseUrl ? 'postgres' : 'pglite')
  })

  it.skipIf(skip)('saves and updates a user profile', async () => {
    expect(await store.getUser(ada)).toEqual({
      id: ada,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    })
    await store.saveUser({ id: ada, name: 'Ada King', email: 'ada@example.com' })
    expect((await store.getUser(ada))?.name).toBe('Ada King')
    expect(await store.getUser(unique('nobody'))).toBeUndefined()
  })

  it.skipIf(skip)('a reconnect (same accountId) updates the row, never duplicates it', async () => {
    const id = unique('acc')
    const first = await store.upsertAccount(ada, google(id))
    expect(first).toMatchObject({ accountId: id, provider: 'google', status: 'active' })
    expect(first.scopes).toEqual(['https://www.googleapis.com/auth/calendar'])
    await store.setStatus(id, 'inactive')
    const again = await store.upsertAccount(ada, google(id, { scopes: ['a', 'b'] }))
    expect(again.status).toBe('active')
    expect(again.scopes).toEqual(['a', 'b'])
    expect(again.connectedAt).toBe(first.connectedAt)
    const rows = (await store.listAccounts(ada)).filter((row) => row.accountId === id)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.status).toBe('active')
  })

  it.skipIf(skip)('lists only the user’s own accounts, oldest first', async () => {
    const user = unique('user')
    await store.saveUser({ id: user, name: 'Lin', email: 'lin@example.com' })
    const a = unique('acc')
    const b = unique('acc')
    await store.upsertAccount(user, google(a))
    await store.upsertAccount(user, { accountId: b, provider: 'zoom', status: 'active' })
    await store.upsertAccount(grace, google(unique('acc')))
    const rows = await store.listAccounts(user)
    expect(rows.map((row) => row.accountId)).toEqual([a, b])
    expect(rows[1]).toMatchObject({ provider: 'zoom', email: null, scopes: [] })
    expect(await store.hasAccount(user, a)).toBe(true)
    expect(await store.hasAccount(grace, a)).toBe(false)
  })

  it.skipIf(skip)(
    'webhook status changes reach every row of the account, idempotently',
    async () => {
      const id = unique('acc')
      await store.upsertAccount(ada, google(id))
      await store.upsertAccount(grace, google(id))
      expect(await store.setStatus(id, 'inactive')).toBe(2)
      expect(await store.setStatus(id, 'inactive')).toBe(0) // a repeated delivery changes nothing
      for (const user of [ada, grace]) {
        expect((await store.listAccounts(user)).find((row) => row.accountId === id)?.status).toBe(
          'inactive',
        )
      }
      expect(await store.setStatus(unique('unknown'), 'inactive')).toBe(0)
    },
  )

  it.skipIf(skip)('sets the status of the given users’ rows only, when told whose', async () => {
    const id = unique('acc')
    await store.upsertAccount(ada, google(id))
    await store.upsertAccount(grace, google(id))
    expect(await store.setStatus(id, 'inactive', [ada])).toBe(1)
    expect((await store.listAccounts(ada)).find((row) => row.accountId === id)?.status).toBe(
      'inactive',
    )
    expect((await store.listAccounts(grace)).find((row) => row.accountId === id)?.status).toBe(
      'active',
    )
    expect(await store.setStatus(id, 'inactive', [])).toBe(0)
  })

  it.skipIf(skip)('removes an account for one user or for all', async () => {
    const id = unique('acc')
    await store.upsertAccount(ada, google(id))
    await store.upsertAccount(grace, google(id))
    expect(await store.removeAccount(id, ada)).toBe(1)
    expect(await store.hasAccount(grace, id)).toBe(true)
    expect(await store.removeAccount(id)).toBe(1)
    expect(await store.hasAccount(grace, id)).toBe(false)
  })

  it.skipIf(skip)('saves a calendar choice per (user, account), gone with the row', async () => {
    const id = unique('acc')
    await store.upsertAccount(ada, google(id))
    await store.upsertAccount(grace, google(id))
    expect(await store.getCalendarSelection(ada, id)).toBeUndefined()
    const saved = await store.saveCalendarSelection(ada, id, {
      conflicts: ['ada@example.com', "o'brien#holiday"],
      destination: 'ada@example.com',
    })
    expect(saved).toMatchObject({
      conflicts: ['ada@example.com', "o'brien#holiday"],
      destination: 'ada@example.com',
    })
    expect(typeof saved?.updatedAt).toBe('string')
    const again = await store.saveCalendarSelection(ada, id, { conflicts: [], destination: null })
    expect(again).toMatchObject({ conflicts: [], destination: null })
    expect(await store.getCalendarSelection(ada, id)).toMatchObject({ conflicts: [] })
    // Grace's row of the same account has its own choice (none yet).
    expect(await store.getCalendarSelection(grace, id)).toBeUndefined()
    // A reconnect keeps the choice; a disconnect removes it.
    await store.upsertAccount(ada, google(id))
    expect(await store.getCalendarSelection(ada, id)).toBeDefined()
    await store.removeAccount(id, ada)
    expect(await store.getCalendarSelection(ada, id)).toBeUndefined()
    // No row, no choice: nothing is saved for an account the user does not have.
    expect(
      await store.saveCalendarSelection(ada, id, { conflicts: ['x'], destination: null }),
    ).toBeUndefined()
    expect(await store.getAccount(grace, id)).toMatchObject({ accountId: id, provider: 'google' })
    expect(await store.getAccount(ada, id)).toBeUndefined()
  })

  it.skipIf(skip)('records when an account’s calendars last changed', async () => {
    const id = unique('acc')
    expect(await store.calendarsChangedAt(id)).toBeNull()
    await store.markCalendarsChanged(id)
    const first = await store.calendarsChangedAt(id)
    expect(Number.isNaN(Date.parse(first ?? ''))).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await store.markCalendarsChanged(id)
    expect(Date.parse((await store.calendarsChangedAt(id)) ?? '')).toBeGreaterThan(
      Date.parse(first ?? ''),
    )
  })

  it.skipIf(skip)('keeps text as text (no SQL injection through values)', async () => {
    const id = `${unique('acc')}'; DROP TABLE demo_accounts; --`
    await store.upsertAccount(ada, google(id, { email: "o'brien@example.com" }))
    const row = (await store.listAccounts(ada)).find((each) => each.accountId === id)
    expect(row?.email).toBe("o'brien@example.com")
  })
})

describe('account store on PGlite in a data folder', () => {
  it('keeps accounts when reopened, as `npm start` does after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pyas-demo-db-'))
    try {
      // A folder whose parent does not exist yet, as `.demo-data/pglite` on a fresh clone.
      const nested = join(dataDir, 'not-yet', 'pglite')
      const first = await openAccountStore({ dataDir: nested })
      await first.saveUser({ id: 'u1', name: 'Ada', email: 'ada@example.com' })
      await first.upsertAccount('u1', google('acc_1'))
      await first.close()
      const second = await openAccountStore({ dataDir: nested })
      expect((await second.listAccounts('u1')).map((row) => row.accountId)).toEqual(['acc_1'])
      await second.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})

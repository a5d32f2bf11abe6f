// @vitest-environment node
// The demo's connect links over its database, the same tests on both engines (as the account
// store's): embedded PGlite always, and a PostgreSQL server when DATABASE_URL is set (CI starts
// one). The spent-link table is docs/snippets/links/usedLinks.ts, the docs' example.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AccountStore, openAccountStore } from '../../demo/accountStore.mjs'
import { openConnectLinks } from '../../demo/connectLinks.mjs'
import * as usedLinks from '../../docs/snippets/links/usedLinks.js'
import { createConnectLinks } from '../../src/server/index.js'

const DATABASE_URL = process.env.DATABASE_URL
const SECRET = 'a-connect-link-secret-of-32-chars-or-more'

const engines: Array<{ engine: string; options: { databaseUrl?: string } }> = [
  { engine: 'PGlite (in memory)', options: {} },
  { engine: 'PostgreSQL (DATABASE_URL)', options: { databaseUrl: DATABASE_URL } },
]

const jti = () => `jti_${randomUUID()}`
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

describe.each(engines)('connect links on $engine', ({ engine, options }) => {
  const skip = engine.startsWith('PostgreSQL') && !DATABASE_URL
  let store: AccountStore
  let links: Awaited<ReturnType<typeof openConnectLinks>>
  const ada = { id: `session_${randomUUID()}`, name: 'Ada Lovelace', email: 'ada@example.com' }

  beforeAll(async () => {
    if (skip) return
    store = await openAccountStore(options)
    await store.saveUser(ada)
    links = await openConnectLinks({
      store,
      createConnectLinks,
      usedLinks,
      secret: SECRET,
      url: 'http://127.0.0.1:5173/',
    })
  }, 30_000)
  afterAll(async () => {
    await store?.close()
  })

  it.skipIf(skip)('spends a link once: true the first time, false after', async () => {
    const consume = usedLinks.consumeLinksIn(store.db)
    const id = jti()
    expect(await consume(id, inAnHour())).toBe(true)
    expect(await consume(id, inAnHour())).toBe(false)
    expect(await consume(jti(), inAnHour())).toBe(true)
  })

  it.skipIf(skip)('of many consumes racing on one link, exactly one wins', async () => {
    // Separate connections on PostgreSQL (a pool of 4), as separate instances would be.
    const consume = usedLinks.consumeLinksIn(store.db)
    const id = jti()
    const results = await Promise.all(Array.from({ length: 8 }, () => consume(id, inAnHour())))
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it.skipIf(skip)('forgets spent ids once they have expired, keeps the others', async () => {
    const consume = usedLinks.consumeLinksIn(store.db)
    const old = jti()
    const fresh = jti()
    expect(await consume(old, Math.floor(Date.now() / 1000) - 10)).toBe(true)
    expect(await consume(fresh, inAnHour())).toBe(true)
    const { rows } = await store.db.query('SELECT jti FROM pyas_used_links WHERE jti = ANY($1)', [
      [old, fresh],
    ])
    expect(rows.map((row) => row.jti)).toEqual([fresh])
  })

  it.skipIf(skip)('keeps a jti as text (no SQL injection through values)', async () => {
    const consume = usedLinks.consumeLinksIn(store.db)
    const id = `${jti()}'; DROP TABLE pyas_used_links; --`
    expect(await consume(id, inAnHour())).toBe(true)
    expect(await consume(id, inAnHour())).toBe(false)
  })

  it.skipIf(skip)('gives each user a public id that is not the session id', async () => {
    const userId = await links.userIdOf(ada)
    expect(userId).toMatch(/^[0-9a-f-]{36}$/)
    expect(userId).not.toContain(ada.id)
    expect(await links.userIdOf(ada)).toBe(userId) // stable
    expect(await links.userOf(userId)).toEqual(ada)
    expect(await links.userOf(randomUUID())).toBeUndefined()
    expect(await links.userOf(undefined)).toBeUndefined()
    expect(await links.userOf("x' OR '1'='1")).toBeUndefined()
  })

  it.skipIf(skip)('a link names the public id only, and is spent through the table', async () => {
    const userId = (await links.userIdOf(ada)) as string
    const url = new URL(await links.connectLinks.create({ userId, provider: 'google' }))
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:5173/')
    const token = url.searchParams.get('pyas_link') as string
    const payload = Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')
    expect(payload).not.toContain(ada.id)
    const claims = links.connectLinks.verify(token)
    expect(claims).toMatchObject({ userId, provider: 'google' })
    expect(await links.connectLinks.consume(claims?.jti as string, claims?.exp as number)).toBe(
      true,
    )
    const { rows } = await store.db.query('SELECT 1 FROM pyas_used_links WHERE jti = $1', [
      claims?.jti,
    ])
    expect(rows).toHaveLength(1)
    expect(await links.connectLinks.consume(claims?.jti as string, claims?.exp as number)).toBe(
      false,
    )
  })

  it.skipIf(skip)('opening the tables again keeps the ids and the spent links', async () => {
    const before = await links.userIdOf(ada)
    const again = await openConnectLinks({
      store,
      createConnectLinks,
      usedLinks,
      secret: SECRET,
      url: 'http://127.0.0.1:5173/',
    })
    expect(await again.userIdOf(ada)).toBe(before)
  })
})

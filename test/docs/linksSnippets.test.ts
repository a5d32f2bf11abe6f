// @vitest-environment node
// The connect-links page's snippets, run: the Express proxy with links spent in a database table
// (PGlite here, the same SQL as PostgreSQL), a link minted for the signed-in user and one from
// the backend's invite email, each connecting once from a request with no session.
import type { AddressInfo } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'
import type { Pool, PoolClient } from 'pg'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest'
import type { SqlClient } from '../../docs/snippets/links/usedLinks.js'
import { ACCOUNT, API_KEY, close, listen } from '../server/helpers.js'
import { send } from '../server/nodeClient.js'

const LINK_SECRET = 'links_page_secret_0123456789abcdef012'

let pyas: Awaited<ReturnType<typeof listen>>
let app: Awaited<ReturnType<typeof listen>> | undefined
let base = ''

beforeAll(async () => {
  // A Pyas stand-in that checks the key and answers a connect with an account.
  pyas = await listen((req, res) => {
    req.resume()
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (req.headers['x-api-key'] !== API_KEY) {
        res.writeHead(401).end(JSON.stringify({ error: 'Unauthorized. Invalid API key.' }))
      } else if (req.method === 'GET') {
        res.end(JSON.stringify({ success: true, url: 'https://accounts.example/consent' }))
      } else {
        res.end(JSON.stringify({ success: true, data: { account: ACCOUNT } }))
      }
    })
  })
  vi.stubEnv('PYAS_API_KEY', API_KEY)
  vi.stubEnv('PYAS_BASE_URL', pyas.url)
  vi.stubEnv('PYAS_LINK_SECRET', LINK_SECRET)
  const { app: express } = await import('../../docs/snippets/links/server.js')
  const server = express.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  app = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
  base = app.url
}, 30_000) // PGlite starts in a few seconds

afterAll(async () => {
  vi.unstubAllEnvs()
  if (app) await close(app.server)
  await close(pyas.server)
})

const connect = (token: string) =>
  send(`${base}/api/pyas/${ACCOUNT.provider}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pyas-link': token },
    body: JSON.stringify({ code: 'auth-code', name: 'Ada' }),
  })

const tokenOf = (url: string) => new URL(url).searchParams.get('pyas_link') ?? ''

describe('connect links page snippets', () => {
  it('should take the database clients the page names (checked by tsc)', () => {
    expectTypeOf<Pool>().toMatchTypeOf<SqlClient>()
    expectTypeOf<PoolClient>().toMatchTypeOf<SqlClient>()
    expectTypeOf<PGlite>().toMatchTypeOf<SqlClient>()
  })

  it('should make a link for the signed-in user and connect through it once', async () => {
    const { saved } = await import('../../docs/snippets/links/app.js')
    const made = await send(`${base}/api/pyas/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'session=user_42' },
      body: JSON.stringify({ provider: ACCOUNT.provider }),
    })
    expect(made.status).toBe(200)
    const { url } = made.json() as { url: string }
    expect(url).toMatch(/^https:\/\/app\.example\.com\/settings\/calendars\?pyas_link=/)
    const first = await connect(tokenOf(url))
    expect(first.status).toBe(200)
    expect(saved.at(-1)).toEqual({
      userId: 'user_42',
      accountId: ACCOUNT.accountId,
      provider: ACCOUNT.provider,
    })
    const second = await connect(tokenOf(url))
    expect(second.status).toBe(403)
    expect(second.json()).toEqual({ error: 'link_invalid' })
    expect(saved.filter((row) => row.userId === 'user_42')).toHaveLength(1)
  })

  it('should refuse POST /links without a signed-in user', async () => {
    const signedOut = await send(`${base}/api/pyas/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(signedOut.status).toBe(403)
  })

  it('should keep spent links in the table, so another instance refuses them too', async () => {
    const { db } = await import('../../docs/snippets/links/app.js')
    const { connectLinks } = await import('../../docs/snippets/links/server.js')
    const { consumeLinksIn } = await import('../../docs/snippets/links/usedLinks.js')
    const url = await connectLinks.create({ userId: 'user_7' })
    const claims = connectLinks.verify(tokenOf(url))
    expect(claims).not.toBeNull()
    expect((await connect(tokenOf(url))).status).toBe(200)
    // A second instance's consume, over the same table.
    expect(await consumeLinksIn(db)(claims?.jti ?? '', claims?.exp ?? 0)).toBe(false)
  })

  it('should mint the invite email’s link on the backend, for that user, once', async () => {
    const { calendarInviteEmail } = await import('../../docs/snippets/links/inviteEmail.js')
    const { saved } = await import('../../docs/snippets/links/app.js')
    const email = await calendarInviteEmail({
      id: 'user_9',
      name: 'Grace Hopper',
      email: 'grace@example.com',
    })
    expect(email.to).toBe('grace@example.com')
    const url = /https:\S+/.exec(email.text)?.[0] ?? ''
    const { connectLinks } = await import('../../docs/snippets/links/server.js')
    expect(connectLinks.verify(tokenOf(url))).toMatchObject({
      userId: 'user_9',
      provider: 'google',
      email: 'grace@example.com',
      name: 'Grace Hopper',
    })
    // ACCOUNT is a Google account: the link's provider matches the route.
    expect((await connect(tokenOf(url))).status).toBe(200)
    expect(saved.at(-1)?.userId).toBe('user_9')
    expect((await connect(tokenOf(url))).status).toBe(403)
  })
})

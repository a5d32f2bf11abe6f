// @vitest-environment node
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { close } from './helpers.js'
import { send } from './nodeClient.js'

// The docs' "run it offline" step of every stack page: docs/snippets/server/fake-pyas.mjs as its
// own server, and a stack's proxy snippet (here node:http) pointed at it by PYAS_BASE_URL and
// PYAS_API_KEY alone, as the page says.
const APP_URL = 'http://127.0.0.1:3000/settings/calendars'
let fakeServer: Server
let app: Server
let appUrl: string

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.stubEnv('PORT', '0')
  vi.stubEnv('HOST', '127.0.0.1')
  vi.stubEnv('APP_URL', APP_URL)
  fakeServer = (await import('../../docs/snippets/server/fake-pyas.mjs')).server as Server
  if (!fakeServer.listening) await new Promise((resolve) => fakeServer.once('listening', resolve))
  vi.stubEnv('PYAS_BASE_URL', `http://127.0.0.1:${(fakeServer.address() as AddressInfo).port}`)
  vi.stubEnv('PYAS_API_KEY', 'pyas_test_key')
  app = (await import('./snippets/nodeHttpServer.js')).server
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
})

afterAll(async () => {
  await close(app)
  await close(fakeServer)
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('the offline fake Pyas server (docs snippet)', () => {
  it('should run the round trip with a stack snippet pointed at it by environment alone', async () => {
    const cookie = 'session=offline_user'
    const oauth = await send(`${appUrl}/api/pyas/google/oauth?email=ada%40example.com&state=s1`, {
      headers: { cookie },
    })
    expect(oauth.status).toBe(200)
    const consent = new URL((oauth.json() as { url: string }).url)
    expect(consent.origin).toBe(process.env.PYAS_BASE_URL)
    const page = await send(consent.href)
    expect(page.status).toBe(200)
    const decision = await send(
      `${consent.origin}/consent/decision${consent.search}&decision=allow`,
    )
    expect(decision.status).toBe(303)
    const back = new URL(String(decision.headers.location))
    expect(`${back.origin}${back.pathname}`).toBe(APP_URL)
    const connected = await send(`${appUrl}/api/pyas/google/connect`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ code: back.searchParams.get('code'), name: 'Ada' }),
    })
    expect(connected.status).toBe(200)
    const { account } = (connected.json() as { data: { account: { accountId: string } } }).data
    const { saved } = await import('./snippets/app.js')
    expect(saved).toContainEqual({
      userId: 'offline_user',
      accountId: account.accountId,
      provider: 'google',
    })
  })

  it('should run it with the Next.js App Router route as shown, on its default development origin', async () => {
    const { GET, POST } = await import('./snippets/withHooks.js')
    const headers = { cookie: 'session=next_user', origin: 'http://localhost:3000' }
    const oauth = await GET(
      new Request(
        'http://localhost:3000/api/pyas/microsoft/oauth?email=ada%40example.com&state=s2',
        {
          headers,
        },
      ),
    )
    expect(oauth.status).toBe(200)
    const consent = new URL(((await oauth.json()) as { url: string }).url)
    const decision = await send(
      `${consent.origin}/consent/decision${consent.search}&decision=allow`,
    )
    const back = new URL(String(decision.headers.location))
    const connected = await POST(
      new Request('http://localhost:3000/api/pyas/microsoft/connect', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ code: back.searchParams.get('code'), name: 'Ada' }),
      }),
    )
    expect(connected.status).toBe(200)
    const { saved } = await import('./snippets/app.js')
    expect(saved.map((row) => row.userId)).toContain('next_user')
  })
})

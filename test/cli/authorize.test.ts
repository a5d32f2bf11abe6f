// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../server/nodeClient.js'
import { API_KEY, killAll, type RunningBin, startBin } from './bin.js'
import { json, serveFakePyas, serveStandIn } from './fakes.js'

const OAUTH = '/api/pyas/google/oauth?email=ada%40example.com&state=pyas_abc'
let pyas: Awaited<ReturnType<typeof serveFakePyas>>
let auth: Awaited<ReturnType<typeof serveStandIn>>
let bin: RunningBin

beforeAll(async () => {
  pyas = await serveFakePyas()
  // The app's own session check: one cookie is signed in, everything else is not.
  auth = await serveStandIn((request, res) => {
    if (request.url === '/slow') return void setTimeout(() => json(res, 200, {}), 3_000)
    if (request.url === '/moved') return void res.writeHead(302, { location: '/me' }).end()
    const cookie = request.headers.cookie ?? ''
    if (cookie.includes('session=good')) json(res, 200, { userId: 'user_1' })
    // What session endpoints commonly answer a signed-out visitor with a 200.
    else if (cookie.includes('session=null')) json(res, 200, { user: null })
    else if (cookie.includes('session=empty')) json(res, 200, { userId: '' })
    else if (cookie.includes('session=number')) json(res, 200, { userId: 42 })
    else if (cookie.includes('session=html')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form>Sign in</form>')
    } else json(res, 401, { error: 'signed out' })
  })
  bin = await startBin({
    PYAS_API_KEY: API_KEY,
    PYAS_BASE_URL: pyas.url,
    PYAS_AUTHORIZE_URL: `${auth.url}/me`,
    PYAS_TIMEOUT_MS: '2000',
  })
})
afterAll(async () => {
  await bin.stop()
  killAll()
  await Promise.all([pyas.close(), auth.close()])
})

describe('pyas-proxy with PYAS_AUTHORIZE_URL', () => {
  it('should allow the cookie the authorize URL accepts', async () => {
    const response = await send(`${bin.url}${OAUTH}`, { headers: { cookie: 'session=good' } })
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ success: true })
  })

  it.each([
    ['another cookie', { cookie: 'session=bad' }],
    ['no cookie', {}],
    ['a 200 {"user": null}', { cookie: 'session=null' }],
    ['a 200 with an empty userId', { cookie: 'session=empty' }],
    ['a 200 with a numeric userId', { cookie: 'session=number' }],
    ['a 200 HTML login page', { cookie: 'session=html' }],
  ])('should answer 403 for %s, without calling Pyas', async (_, headers) => {
    const before = pyas.fake.requests.length
    const response = await send(`${bin.url}${OAUTH}`, { headers })
    expect(response.status).toBe(403)
    expect(response.json()).toEqual({ error: 'forbidden' })
    expect(pyas.fake.requests.length).toBe(before)
  })

  it('should send the authorize URL only the cookie and authorization headers', async () => {
    auth.received.length = 0
    await send(`${bin.url}${OAUTH}`, {
      headers: {
        cookie: 'session=good; theme=dark',
        authorization: 'Bearer user-token',
        origin: 'https://app.example',
        referer: 'https://app.example/settings',
        'user-agent': 'BrowserUA/1.0',
        'x-api-key': 'browser-sent-key',
        'x-forwarded-for': '203.0.113.7',
        'x-custom': 'secret-ish',
      },
    })
    expect(auth.received).toHaveLength(1)
    const [request] = auth.received
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe('/me')
    expect(request?.body).toBe('')
    expect(request?.headers.cookie).toBe('session=good; theme=dark')
    expect(request?.headers.authorization).toBe('Bearer user-token')
    for (const name of ['origin', 'referer', 'x-api-key', 'x-forwarded-for', 'x-custom']) {
      expect(request?.headers).not.toHaveProperty(name)
    }
    expect(request?.headers['user-agent']).not.toBe('BrowserUA/1.0')
    expect(JSON.stringify(request)).not.toContain(API_KEY)
    // Nothing of the query either: the email stays between the browser and Pyas.
    expect(JSON.stringify(request)).not.toContain('ada')
  })

  it('should check connect calls too', async () => {
    const response = await send(`${bin.url}/api/pyas/google/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'session=bad' },
      body: JSON.stringify({ code: 'c', name: 'Ada' }),
    })
    expect(response.status).toBe(403)
  })
})

describe('pyas-proxy with an authorize URL that does not say yes', () => {
  it('should answer 403 within PYAS_TIMEOUT_MS when the authorize URL is slow', async () => {
    const slow = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_AUTHORIZE_URL: `${auth.url}/slow`,
      PYAS_TIMEOUT_MS: '300',
    })
    try {
      const started = Date.now()
      const response = await send(`${slow.url}${OAUTH}`, { headers: { cookie: 'session=good' } })
      const took = Date.now() - started
      expect(response.status).toBe(403)
      expect(took).toBeGreaterThanOrEqual(290)
      expect(took).toBeLessThan(2_500) // the authorize URL would answer after 3 s
      await slow.waitFor(() => slow.stderr().includes('no answer within 300 ms'))
    } finally {
      await slow.stop()
    }
  })

  it.each([
    ['redirects', '/moved'],
    ['is unreachable', 'closed'],
  ])('should answer 403 when the authorize URL %s', async (_, path) => {
    const closed = await serveStandIn()
    await closed.close()
    const url = path === 'closed' ? `${closed.url}/me` : `${auth.url}${path}`
    const other = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_AUTHORIZE_URL: url,
    })
    try {
      const response = await send(`${other.url}${OAUTH}`, { headers: { cookie: 'session=good' } })
      expect(response.status).toBe(403)
    } finally {
      await other.stop()
    }
  })
})

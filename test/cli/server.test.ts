// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakePyas } from '../../src/testing/index.js'
import { send } from '../server/nodeClient.js'
import { API_KEY, killAll, type RunningBin, startBin, WEBHOOK_SECRET } from './bin.js'
import { json, serveFakePyas, serveStandIn } from './fakes.js'

const OAUTH = '/api/pyas/google/oauth?email=ada%40example.com&state=pyas_abc'
const ORIGIN = 'https://app.example'
let pyas: Awaited<ReturnType<typeof serveFakePyas>>
let fake: FakePyas

beforeAll(async () => {
  pyas = await serveFakePyas()
  fake = pyas.fake
})
afterAll(async () => {
  killAll()
  await pyas.close()
})

function connect(bin: RunningBin, body: unknown, headers: Record<string, string> = {}) {
  return send(`${bin.url}/api/pyas/google/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('pyas-proxy serving the proxy', () => {
  let bin: RunningBin
  beforeAll(async () => {
    bin = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_ALLOWED_ORIGINS: `${ORIGIN},http://localhost:3000`,
      PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    })
  })
  afterAll(async () => {
    expect(await bin.stop()).toBe(0)
  })

  it('should run the whole round trip against the fake Pyas', async () => {
    const oauth = await send(`${bin.url}${OAUTH}`)
    expect(oauth.status).toBe(200)
    expect(oauth.headers['cache-control']).toBe('no-store')
    const { url } = oauth.json() as { url: string }
    const code = new URL(await fake.decide(url)).searchParams.get('code')
    const connected = await connect(bin, { code, name: 'Ada' }, { origin: ORIGIN })
    expect(connected.status).toBe(200)
    expect(connected.json()).toMatchObject({
      success: true,
      data: { account: { provider: 'google', email: 'ada@example.com', status: 'active' } },
    })
    // Single-use codes: Pyas's own answer comes back through the proxy.
    const again = await connect(bin, { code, name: 'Ada' }, { origin: ORIGIN })
    expect(again.status).toBe(400)
    expect(again.json()).toMatchObject({ error: 'invalid_grant' })
    expect(fake.requests.at(-1)?.apiKeyValid).toBe(true)
    expect(connected.body).not.toContain(API_KEY)
  })

  it('should answer 404 outside the mount path and for an unknown provider', async () => {
    for (const path of ['/', '/elsewhere', '/api/pyasx/google/oauth', '/api/pyas/yahoo/oauth']) {
      const response = await send(`${bin.url}${path}`)
      expect(response.status).toBe(404)
      expect(response.json()).toEqual({ error: 'not_found' })
      expect(response.headers['cache-control']).toBe('no-store')
    }
  })

  it('should answer 405 with Allow for the wrong method', async () => {
    const response = await send(`${bin.url}${OAUTH}`, {
      method: 'POST',
      headers: { origin: ORIGIN },
    })
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET')
  })

  it('should answer 403 to an origin not in PYAS_ALLOWED_ORIGINS, and to a POST without one', async () => {
    const body = { code: 'c', name: 'Ada' }
    expect((await connect(bin, body, { origin: 'https://evil.example' })).json()).toEqual({
      error: 'forbidden',
    })
    expect((await connect(bin, body)).status).toBe(403)
    expect((await connect(bin, body, { origin: 'http://localhost:3000' })).status).toBe(400)
  })

  it('should answer 415 to a connect that is not JSON', async () => {
    const response = await send(`${bin.url}/api/pyas/google/connect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: 'code=x',
    })
    expect(response.status).toBe(415)
  })

  it('should answer /healthz without calling Pyas', async () => {
    const before = fake.requests.length
    const health = await send(`${bin.url}/healthz`)
    expect(health.status).toBe(200)
    expect(health.body).toBe('{"ok":true}')
    expect(health.headers['content-type']).toBe('application/json')
    // A health check on a kept-alive connection (as load balancers do) keeps it.
    expect(health.headers.connection).toBe('keep-alive')
    expect(fake.requests.length).toBe(before)
    const post = await send(`${bin.url}/healthz`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
  })

  it('should receive Pyas webhooks at PYAS_WEBHOOK_PATH with the token', async () => {
    const headers = {
      'x-pyas-account-id': 'acc_1',
      'x-pyas-webhook-event': 'account.inactive',
      'x-provider': 'Google',
    }
    const hook = `${bin.url}/api/webhooks/pyas`
    expect((await send(`${hook}?token=nope`, { method: 'POST', headers })).status).toBe(401)
    expect((await send(`${hook}?token=${WEBHOOK_SECRET}`, { method: 'GET' })).status).toBe(405)
    expect(
      (await send(`${hook}?token=${WEBHOOK_SECRET}`, { method: 'POST', headers })).status,
    ).toBe(204)
    await bin.waitFor(() => bin.stderr().includes('"msg":"webhook event"'))
    const logged = bin.diagnostics().find((line) => line.msg === 'webhook event')
    expect(logged?.event).toEqual({
      type: 'account.inactive',
      accountId: 'acc_1',
      provider: 'google',
    })
  })

  it('should redact the key and the webhook secret from what it logs about a request', async () => {
    const hook = `${bin.url}/api/webhooks/pyas?token=${WEBHOOK_SECRET}`
    const headers = {
      'x-pyas-account-id': 'acc_1',
      // An event name the handler does not know is logged (with a warning): here it carries both.
      'x-pyas-webhook-event': `x.${API_KEY}.${WEBHOOK_SECRET}.https://u:pw@h.example/p?q=1`,
      'x-provider': 'google',
    }
    expect((await send(hook, { method: 'POST', headers })).status).toBe(202)
    await bin.waitFor(() => bin.stderr().includes('ignored an unknown event'))
    const line = bin
      .stderr()
      .split('\n')
      .find((text) => text.includes('ignored an unknown event'))
    expect(line).toContain('x.[redacted].[redacted].https://h.example/p')
    for (const secret of [API_KEY, WEBHOOK_SECRET, 'pw@', 'q=1']) {
      expect(bin.stderr()).not.toContain(secret)
    }
  })

  it('should log one JSON line per request on stdout: no query, no header, no key or secret', async () => {
    await send(`${bin.url}${OAUTH}`, {
      headers: { authorization: 'Bearer user-token', cookie: 's=1' },
    })
    await send(`${bin.url}/api/webhooks/pyas?token=${WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: {
        'x-pyas-account-id': 'a',
        'x-pyas-webhook-event': 'account.deleted',
        'x-provider': 'Zoom',
      },
    })
    await bin.waitFor(() =>
      bin.requests().some((line) => line.path === '/api/webhooks/pyas' && line.status === 204),
    )
    const lines = bin.requests()
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['t', 'method', 'path', 'status', 'ms'])
      expect(new Date(line.t as string).toISOString()).toBe(line.t)
      expect(typeof line.ms).toBe('number')
      expect(line.path).not.toContain('?')
    }
    expect(lines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/api/pyas/google/oauth', status: 200 }),
    )
    expect(lines).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/api/webhooks/pyas', status: 204 }),
    )
    const everything = bin.stdout() + bin.stderr()
    for (const needle of [
      API_KEY,
      WEBHOOK_SECRET,
      'ada%40example.com',
      'pyas_abc',
      'user-token',
      's=1',
    ]) {
      expect(everything).not.toContain(needle)
    }
  })
})

describe('pyas-proxy options', () => {
  it('should serve only PYAS_PROVIDERS, under PYAS_MOUNT_PATH', async () => {
    const bin = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_PROVIDERS: 'zoom',
      PYAS_MOUNT_PATH: '/pyas',
    })
    try {
      expect((await send(`${bin.url}/pyas/zoom/oauth?state=pyas_x`)).status).toBe(200)
      expect((await send(`${bin.url}/pyas/google/oauth?email=a%40b.co`)).status).toBe(404)
      expect((await send(`${bin.url}/api/pyas/zoom/oauth`)).status).toBe(404)
      // No webhook secret: no webhook route.
      expect((await send(`${bin.url}/api/webhooks/pyas`, { method: 'POST' })).status).toBe(404)
    } finally {
      expect(await bin.stop('SIGINT')).toBe(0)
    }
  })

  it('should refuse a connect body over PYAS_MAX_BODY_BYTES with 413', async () => {
    const bin = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_MAX_BODY_BYTES: '64',
    })
    try {
      const response = await connect(bin, { code: 'x'.repeat(64), name: 'Ada' })
      expect(response.status).toBe(413)
    } finally {
      await bin.stop()
    }
  })
})

describe('pyas-proxy shutdown', () => {
  it('should let a request in flight finish on SIGTERM, refuse new ones, and exit 0', async () => {
    const slowPyas = await serveStandIn((_, res) => {
      setTimeout(() => json(res, 200, { success: true, url: 'https://accounts.example/c' }), 800)
    })
    const bin = await startBin({ PYAS_API_KEY: API_KEY, PYAS_BASE_URL: slowPyas.url })
    try {
      const inFlight = send(`${bin.url}${OAUTH}`)
      await bin.waitFor(() => slowPyas.received.length === 1)
      const started = Date.now()
      const exited = bin.stop('SIGTERM')
      await bin.waitFor(() => bin.stderr().includes('SIGTERM: stopping'))
      await expect(send(`${bin.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/)
      const response = await inFlight
      expect(response.status).toBe(200)
      expect(response.json()).toEqual({ success: true, url: 'https://accounts.example/c' })
      expect(await exited).toBe(0)
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(bin.requests()).toContainEqual(expect.objectContaining({ status: 200 }))
    } finally {
      await slowPyas.close()
    }
  })

  it('should exit at once, with 1, on a second signal while requests are in flight', async () => {
    const hungPyas = await serveStandIn(() => {})
    const bin = await startBin({ PYAS_API_KEY: API_KEY, PYAS_BASE_URL: hungPyas.url })
    try {
      const inFlight = send(`${bin.url}${OAUTH}`).catch((error: Error) => error)
      await bin.waitFor(() => hungPyas.received.length === 1)
      const started = Date.now()
      bin.child.kill('SIGTERM')
      await bin.waitFor(() => bin.stderr().includes('SIGTERM: stopping'))
      expect(await bin.stop('SIGINT')).toBe(1)
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(bin.stderr()).toContain('SIGINT again: exiting now')
      expect(await inFlight).toBeInstanceOf(Error)
    } finally {
      await hungPyas.close()
    }
  })

  it('should stop waiting for a request after 10 s and still exit 0', {
    timeout: 20_000,
  }, async () => {
    const hungPyas = await serveStandIn(() => {})
    const bin = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: hungPyas.url,
      PYAS_TIMEOUT_MS: '60000',
    })
    try {
      const inFlight = send(`${bin.url}${OAUTH}`).catch((error: Error) => error)
      await bin.waitFor(() => hungPyas.received.length === 1)
      const started = Date.now()
      expect(await bin.stop('SIGTERM')).toBe(0)
      const waited = Date.now() - started
      expect(waited).toBeGreaterThanOrEqual(9_900)
      expect(waited).toBeLessThan(13_000)
      expect(await inFlight).toBeInstanceOf(Error)
      expect(bin.stderr()).toContain('requests still running after 10 s')
    } finally {
      await hungPyas.close()
    }
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createPyasProxy } from '../../src/server/index.js'
import { createFakePyas } from '../../src/testing/index.js'

const KEY = 'pyas_proxy_test_key_42'
const APP = 'http://localhost:3000'

function setup() {
  const fake = createFakePyas({ redirectUrl: `${APP}/settings`, apiKey: KEY })
  const proxy = createPyasProxy({
    apiKey: KEY,
    baseUrl: 'http://fake.pyas.test',
    fetch: fake.fetch,
  })
  return { fake, proxy }
}

describe('createFakePyas', () => {
  it('should serve as the upstream fetch of createPyasProxy for the whole round trip', async () => {
    const { fake, proxy } = setup()
    const oauth = await proxy(
      new Request(`${APP}/api/pyas/google/oauth?email=jane@example.com&state=pyas_x`),
    )
    expect(oauth.status).toBe(200)
    const { url } = (await oauth.json()) as { url: string }
    expect(url.startsWith('http://fake.pyas.test/consent?')).toBe(true)
    const code = new URL(await fake.decide(url)).searchParams.get('code')
    const connect = await proxy(
      new Request(`${APP}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP },
        body: JSON.stringify({ code, name: 'Jane' }),
      }),
    )
    expect(connect.status).toBe(200)
    expect((await connect.json()).data.account.email).toBe('jane@example.com')
    expect(fake.requests.filter((request) => request.action === 'connect')).toEqual([
      expect.objectContaining({ hasApiKey: true, apiKeyValid: true }),
    ])
  })

  it('should let the proxy map injected failures', async () => {
    const { fake, proxy } = setup()
    fake.failNext('rate_limited', { retryAfter: 7 })
    const limited = await proxy(new Request(`${APP}/api/pyas/zoom/oauth`))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    fake.failNext('server_error')
    expect((await proxy(new Request(`${APP}/api/pyas/zoom/oauth`))).status).toBe(502)
  })

  it('should let a slow call run into the proxy timeout, which aborts it', async () => {
    const fake = createFakePyas({ redirectUrl: '/', apiKey: KEY })
    const proxy = createPyasProxy({ apiKey: KEY, fetch: fake.fetch, timeoutMs: 50 })
    fake.failNext('slow', { ms: 60_000 })
    const response = await proxy(new Request(`${APP}/api/pyas/zoom/oauth`))
    expect(response.status).toBe(504)
    expect(await response.json()).toEqual({ error: 'upstream_timeout' })
  })
})

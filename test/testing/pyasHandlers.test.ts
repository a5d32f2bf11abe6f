// @vitest-environment node
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakePyas, pyasHandlers } from '../../src/testing/index.js'

const APP = 'http://localhost:3000'
const fake = createFakePyas({ redirectUrl: `${APP}/settings`, apiKey: 'pyas_handlers_key_123' })
const server = setupServer(...pyasHandlers({ fake }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  fake.reset()
})
afterAll(() => server.close())

function connect(provider: string, body: unknown): Promise<Response> {
  return fetch(`${APP}/api/pyas/${provider}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('pyasHandlers', () => {
  it('should answer GET oauth through the fake, adding the key only behind the proxy', async () => {
    const response = await fetch(
      `${APP}/api/pyas/google/oauth?email=jane%40example.com&state=pyas_1&extra=dropped`,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const { success, url } = (await response.json()) as { success: boolean; url: string }
    expect(success).toBe(true)
    expect(url.startsWith(`${APP}/api/pyas/consent?`)).toBe(true)
    expect(fake.requests).toEqual([
      expect.objectContaining({
        action: 'oauth',
        query: { email: 'jane@example.com', state: 'pyas_1' },
        apiKeyValid: true,
      }),
    ])
  })

  it('should exchange a code issued by the shared fake on POST connect', async () => {
    const code = fake.issueCode('microsoft', { email: 'jane@example.com' })
    const response = await connect('microsoft', { code, name: 'Jane', extra: 'dropped' })
    expect(response.status).toBe(200)
    const { data } = await response.json()
    expect(data.account).toMatchObject({ provider: 'microsoft', email: 'jane@example.com' })
    expect(fake.accounts()).toEqual([data.account])
    expect(fake.requests.at(-1)?.body).toEqual({ code, name: 'Jane' })
    expect((await connect('microsoft', { code, name: 'Jane' })).status).toBe(400)
  })

  it('should run the round trip through the consent page with fake.decide', async () => {
    const oauth = await fetch(`${APP}/api/pyas/zoom/oauth?state=pyas_2`)
    const returnUrl = new URL(await fake.decide(((await oauth.json()) as { url: string }).url))
    expect(`${returnUrl.origin}${returnUrl.pathname}`).toBe(`${APP}/settings`)
    expect(returnUrl.searchParams.get('state')).toBe('pyas_2')
    const response = await connect('zoom', { code: returnUrl.searchParams.get('code'), name: 'Z' })
    expect((await response.json()).data.account.email).toBe('zoom.user@example.com')
  })

  it("should pass Pyas's own validation errors through", async () => {
    const oauth = await fetch(`${APP}/api/pyas/google/oauth`)
    expect(oauth.status).toBe(400)
    expect((await oauth.json()).errors).toHaveLength(2)
  })

  it("should refuse bad connect bodies with the proxy's own checks, before the fake", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${APP}/api/pyas/google/connect`, { method: 'POST', headers, body })
    const json = { 'content-type': 'application/json' }
    const text = await post({ 'content-type': 'text/plain' }, '{"code":"c","name":"n"}')
    expect(text.status).toBe(415)
    expect(await text.json()).toEqual({ error: 'unsupported_media_type' })
    const large = await post(json, JSON.stringify({ code: 'c'.repeat(20_000), name: 'n' }))
    expect(large.status).toBe(413)
    const notJson = await post(json, 'not json')
    expect(notJson.status).toBe(400)
    expect((await notJson.json()).errors.map((error: { param: string }) => error.param)).toEqual([
      'body',
    ])
    const noName = await post(json, '{"code":"c"}')
    expect((await noName.json()).errors.map((error: { param: string }) => error.param)).toEqual([
      'name',
    ])
    const wrongMethod = await fetch(`${APP}/api/pyas/google/connect`)
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect(fake.requests).toEqual([])
  })

  it('should answer like the proxy for unknown providers, 5xx and 429', async () => {
    const unknown = await fetch(`${APP}/api/pyas/yahoo/oauth?email=a@b.co`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'not_found' })

    fake.failNext('server_error')
    const failed = await fetch(`${APP}/api/pyas/zoom/oauth`)
    expect(failed.status).toBe(502)
    expect(await failed.json()).toEqual({ error: 'bad_gateway' })

    fake.failNext('rate_limited', { retryAfter: 12 })
    const limited = await fetch(`${APP}/api/pyas/zoom/oauth`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('12')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
  })

  it('should answer a redirect with 502 and keep Retry-After to a 429', async () => {
    const answers = [
      new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
      Response.json({ error: 'nope' }, { status: 400, headers: { 'retry-after': '5' } }),
    ]
    const odd = {
      ...fake,
      fetch: async () => answers.shift() ?? new Response(null, { status: 500 }),
    }
    server.use(...pyasHandlers({ proxyUrl: 'https://odd.example/api/pyas', fake: odd }))
    const redirected = await fetch('https://odd.example/api/pyas/zoom/oauth')
    expect(redirected.status).toBe(502)
    expect(redirected.headers.get('location')).toBeNull()
    expect(await redirected.json()).toEqual({ error: 'bad_gateway' })
    const refused = await fetch('https://odd.example/api/pyas/zoom/oauth')
    expect(refused.status).toBe(400)
    expect(refused.headers.get('retry-after')).toBeNull()
  })

  it('should serve a custom absolute proxyUrl with its own default fake', async () => {
    server.use(...pyasHandlers({ proxyUrl: 'https://app.example/custom/pyas/' }))
    const response = await fetch('https://app.example/custom/pyas/zoom/oauth')
    const { url } = (await response.json()) as { url: string }
    expect(url.startsWith('https://app.example/custom/pyas/consent?')).toBe(true)
    expect(fake.requests).toEqual([])
  })
})

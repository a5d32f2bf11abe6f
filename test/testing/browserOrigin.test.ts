// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createPyasProxy } from '../../src/server/index.js'
import { createFakePyas } from '../../src/testing/index.js'

const KEY = 'pyas_origin_test_key'
// What a Next.js route handler sees: request.url always on localhost, the browser's host in `Host`.
const NEXT = 'http://localhost:3000'

function oauthRequest(headers: Record<string, string>, base = `${NEXT}/fake-pyas`) {
  return new Request(`${base}/google/oauth?email=ada@example.com&state=pyas_o`, {
    headers: { 'x-api-key': KEY, ...headers },
  })
}

async function consentUrl(response: Response): Promise<URL> {
  expect(response.status).toBe(200)
  return new URL(((await response.json()) as { url: string }).url)
}

function decision(headers: Record<string, string>, path = '/fake-pyas/consent/decision') {
  return new Request(`${NEXT}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ provider: 'google', decision: 'deny', state: 'pyas_o' }),
  })
}

describe('createFakePyas', () => {
  it('should build the consent URL on the Host the browser used, not on request.url', async () => {
    const fake = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    const url = await consentUrl(await fake.handle(oauthRequest({ host: '127.0.0.1:3000' })))
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:3000/fake-pyas/consent')
  })

  it('should resolve a relative redirectUrl against the Host of the decision', async () => {
    const fake = createFakePyas({ redirectUrl: '/settings?tab=calendars', apiKey: KEY })
    const response = await fake.handle(decision({ host: '127.0.0.1:3000' }))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      'http://127.0.0.1:3000/settings?tab=calendars&error=access_denied&state=pyas_o',
    )
  })

  it('should ignore x-forwarded-host and -proto unless told to trust them', async () => {
    const headers = {
      host: 'internal:8080',
      'x-forwarded-host': 'app.example.com, proxy.internal',
      'x-forwarded-proto': 'https',
    }
    const untrusting = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    expect((await consentUrl(await untrusting.handle(oauthRequest(headers)))).origin).toBe(
      'http://internal:8080',
    )
    const trusting = createFakePyas({
      redirectUrl: '/settings',
      apiKey: KEY,
      trustForwardedHeaders: true,
    })
    expect((await consentUrl(await trusting.handle(oauthRequest(headers)))).origin).toBe(
      'https://app.example.com',
    )
    const back = await trusting.handle(decision(headers))
    expect(back.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/settings\?/)
    // Only the proto forwarded: the Host stays, the scheme changes.
    const protoOnly = await trusting.handle(
      oauthRequest({ host: 'app.example.com', 'x-forwarded-proto': 'HTTPS' }),
    )
    expect((await consentUrl(protoOnly)).origin).toBe('https://app.example.com')
  })

  it('should fall back to the URL origin when a request has no Host (an in-memory Request)', async () => {
    const fake = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    const url = await consentUrl(await fake.handle(oauthRequest({}, 'https://api.pyas.io')))
    expect(url.origin).toBe('https://api.pyas.io')
  })

  it('should answer 400 to a Host or trusted forwarded header that names no origin', async () => {
    const fake = createFakePyas({ redirectUrl: '/', apiKey: KEY, trustForwardedHeaders: true })
    const bad: Record<string, string>[] = [
      { host: 'evil.example/path' },
      { host: 'user@evil.example' },
      { host: 'app.example:99999' },
      { host: 'app.example', 'x-forwarded-host': 'a b' },
      { host: 'app.example', 'x-forwarded-proto': 'javascript' },
    ]
    for (const headers of bad) {
      const oauth = await fake.handle(oauthRequest(headers))
      expect(oauth.status).toBe(400)
      expect(await oauth.json()).toEqual({
        errors: [{ msg: 'a valid host is required.', param: 'host', location: 'headers' }],
      })
      const page = await fake.handle(decision(headers))
      expect(page.status).toBe(400)
      expect(page.headers.get('location')).toBeNull()
      expect(await page.text()).toContain('The Host header names no host.')
    }
  })

  it('should accept an IPv6 Host and lower-case a named one', async () => {
    const fake = createFakePyas({ redirectUrl: '/', apiKey: KEY })
    const ipv6 = await consentUrl(await fake.handle(oauthRequest({ host: '[::1]:3000' })))
    expect(ipv6.origin).toBe('http://[::1]:3000')
    const named = await consentUrl(await fake.handle(oauthRequest({ host: 'App.Example' })))
    expect(named.origin).toBe('http://app.example')
  })

  it('should refuse a trustForwardedHeaders that is not a boolean', () => {
    // @ts-expect-error a string is not a boolean
    expect(() => createFakePyas({ redirectUrl: '/', trustForwardedHeaders: 'yes' })).toThrow(
      new TypeError('createFakePyas: `trustForwardedHeaders` must be true or false.'),
    )
  })
})

describe('fake.fetchFor', () => {
  it("should put the proxy's consent URLs on the browser's origin under mountPath", async () => {
    const fake = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    const browser = new Request(
      `${NEXT}/api/pyas/google/oauth?email=ada@example.com&state=pyas_f`,
      {
        headers: { host: '127.0.0.1:3000' },
      },
    )
    const proxy = createPyasProxy({
      apiKey: KEY,
      fetch: fake.fetchFor(browser, { mountPath: '/fake-pyas/' }),
    })
    const url = await consentUrl(await proxy(browser))
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:3000/fake-pyas/consent')
    expect(url.searchParams.get('state')).toBe('pyas_f')
  })

  it("should keep the called URL's path prefix without a mountPath", async () => {
    const fake = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    const viewer = new Request(`${NEXT}/api/pyas/zoom/oauth`, { headers: { host: 'app.test' } })
    const response = await fake.fetchFor(viewer)('https://api.pyas.io/mounted/zoom/oauth', {
      headers: { 'x-api-key': KEY },
    })
    expect((await consentUrl(response)).href).toMatch(/^http:\/\/app\.test\/mounted\/consent\?/)
  })

  it('should answer 400 when the browser request names no host', async () => {
    const fake = createFakePyas({ redirectUrl: '/settings', apiKey: KEY })
    const viewer = new Request(`${NEXT}/api/pyas/zoom/oauth`, { headers: { host: 'a/b' } })
    const response = await fake.fetchFor(viewer)(`${NEXT}/zoom/oauth`, {
      headers: { 'x-api-key': KEY },
    })
    expect(response.status).toBe(400)
  })

  it('should refuse what is not a Request and a mountPath that is not a path', () => {
    const fake = createFakePyas({ redirectUrl: '/settings' })
    const viewer = new Request(NEXT)
    // @ts-expect-error a URL string is not the browser's Request
    expect(() => fake.fetchFor(`${NEXT}/api/pyas`)).toThrow(
      new TypeError('fake.fetchFor: pass the `Request` the browser sent to your route handler.'),
    )
    for (const mountPath of ['fake-pyas', '/a?b', '//evil.example', '/a/../b', '/a/%2e', 42]) {
      // @ts-expect-error 42 is not a string
      expect(() => fake.fetchFor(viewer, { mountPath })).toThrow(/`mountPath` must be a path/)
    }
    // @ts-expect-error options must be an object
    expect(() => fake.fetchFor(viewer, 'fake-pyas')).toThrow(/options must be an object/)
  })
})

// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { expectJson } from './expectJson.js'
import {
  API_KEY,
  connectRequest,
  fakeUpstream,
  hangingFetch,
  MODES,
  OAUTH_PATH,
  proxyHarness,
  proxyRequest,
} from './helpers.js'

describe.each(MODES)('createPyasProxy (%s)', (mode) => {
  const harness = proxyHarness(mode)

  describe('what travels upstream', () => {
    it('should send only email and state on oauth, with the API key and no client header', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      const request = proxyRequest(`${OAUTH_PATH}&redirect_uri=https://evil.example&x=1`, {
        headers: {
          'x-api-key': 'client-key',
          authorization: 'Bearer client',
          cookie: 'session=1',
          'x-forwarded-for': '10.0.0.1',
        },
      })
      await expectJson(await pyas(request), 200)
      expect(calls).toHaveLength(1)
      expect(calls[0]).toMatchObject({
        url: `https://api.pyas.io${OAUTH_PATH}`,
        method: 'GET',
        headers: { 'x-api-key': API_KEY, accept: 'application/json' },
        body: undefined,
        redirect: 'manual',
      })
      expect(Object.keys(calls[0]?.headers ?? {}).sort()).toEqual(['accept', 'x-api-key'])
    })

    it('should send only state for zoom and omit absent parameters', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch, baseUrl: 'http://pyas.test/v1/' })
      await pyas(proxyRequest('/zoom/oauth?email=ada%40example.com&state=pyas_z'))
      await pyas(proxyRequest('/microsoft/oauth'))
      await pyas(proxyRequest('/google/oauth?state=a%26b%3Dc'))
      expect(calls.map((call) => call.url)).toEqual([
        'http://pyas.test/v1/zoom/oauth?state=pyas_z',
        'http://pyas.test/v1/microsoft/oauth',
        'http://pyas.test/v1/google/oauth?state=a%26b%3Dc',
      ])
    })

    it('should send only code and name on connect, re-serialised', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      const body = ' {"name":"Ada","code":"c0de","apiKey":"x","__proto__":{"a":1}} '
      const request = connectRequest('microsoft', body, {
        cookie: 'session=1',
        'x-api-key': 'client-key',
      })
      await expectJson(await pyas(request), 200)
      expect(calls[0]).toMatchObject({
        url: 'https://api.pyas.io/microsoft/connect',
        method: 'POST',
        body: '{"code":"c0de","name":"Ada"}',
        redirect: 'manual',
      })
      expect(calls[0]?.headers).toEqual({
        'x-api-key': API_KEY,
        accept: 'application/json',
        'content-type': 'application/json',
      })
    })
  })

  describe('what comes back', () => {
    it('should pass upstream 2xx and 4xx JSON through with their status', async () => {
      const answers = [
        [200, { success: true, url: 'https://accounts.example/x' }],
        [201, { ok: 1 }],
        [400, { success: false, error: 'invalid_grant', code: 400 }],
        [
          400,
          { errors: [{ msg: 'a valid email is required.', param: 'email', location: 'query' }] },
        ],
        [404, { success: false, error: 'not found', code: 404 }],
      ] as const
      for (const [status, json] of answers) {
        const pyas = harness.proxy({
          apiKey: API_KEY,
          fetch: fakeUpstream(() => Response.json(json, { status })).fetch,
        })
        expect(await expectJson(await pyas(proxyRequest(OAUTH_PATH)), status)).toEqual(json)
      }
    })

    it('should pass a 429 on with Retry-After and the rate limit headers only', async () => {
      const { fetch } = fakeUpstream(() =>
        Response.json(
          { message: 'slow down', code: 429, error: 'Rate limit exceeded' },
          {
            status: 429,
            headers: {
              'retry-after': '30',
              'x-ratelimit-reset': '1700000000',
              'x-ratelimit-remaining': '0',
              'x-other': '1',
            },
          },
        ),
      )
      const response = await harness.proxy({ apiKey: API_KEY, fetch })(proxyRequest(OAUTH_PATH))
      expect(response.headers.get('retry-after')).toBe('30')
      expect(response.headers.get('x-ratelimit-reset')).toBe('1700000000')
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(await expectJson(response, 429)).toMatchObject({ code: 429 })
    })

    it('should never return upstream set-cookie or other upstream headers', async () => {
      const { fetch } = fakeUpstream(() =>
        Response.json(
          { success: true, url: 'https://x.example' },
          {
            headers: {
              'set-cookie': 'pyas=1',
              'x-powered-by': 'x',
              'retry-after': '5',
              location: '/x',
              'access-control-allow-origin': '*',
            },
          },
        ),
      )
      const response = await harness.proxy({ apiKey: API_KEY, fetch })(proxyRequest(OAUTH_PATH))
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(response.headers.get('retry-after')).toBeNull()
      await expectJson(response, 200)
    })

    it('should answer 502 bad_gateway for upstream 1xx, 3xx, 5xx and non-JSON bodies', async () => {
      const informational = new Response('{}')
      Object.defineProperty(informational, 'status', { value: 101 })
      const answers = [
        () => informational,
        () => new Response(null, { status: 302, headers: { location: 'https://evil.example' } }),
        () => new Response(null, { status: 304 }),
        () => Response.json({ error: 'boom' }, { status: 500 }),
        () => Response.json({ error: 'down' }, { status: 503 }),
        () =>
          new Response('<html>hello</html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
        () => new Response('not json', { status: 400 }),
        () => new Response(null, { status: 204 }),
        () => new Response(`{"a":"${'x'.repeat(1024 * 1024)}"}`),
      ]
      for (const answer of answers) {
        const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream(answer).fetch })
        expect(await expectJson(await pyas(proxyRequest(OAUTH_PATH)), 502)).toEqual({
          error: 'bad_gateway',
        })
      }
    })

    it('should answer 504 upstream_timeout when Pyas is slower than timeoutMs', async () => {
      const pyas = harness.proxy({ apiKey: API_KEY, timeoutMs: 30, fetch: hangingFetch() })
      const started = Date.now()
      const response = await pyas(proxyRequest(OAUTH_PATH))
      expect(await expectJson(response, 504)).toEqual({ error: 'upstream_timeout' })
      expect(Date.now() - started).toBeLessThan(2000)
    })

    it('should answer 502 upstream_unreachable when the fetch fails', async () => {
      const fetch = async () => {
        throw new TypeError('fetch failed')
      }
      const response = await harness.proxy({ apiKey: API_KEY, fetch })(proxyRequest(OAUTH_PATH))
      expect(await expectJson(response, 502)).toEqual({ error: 'upstream_unreachable' })
    })

    it('should replace the API key it sent in every body, nested or escaped, and in headers', async () => {
      // A hostile upstream echoes back the x-api-key it received, in every way it can.
      const escapeKey = (key: string) =>
        key.replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)
      const echoes: {
        status: number
        body: (key: string) => string
        headers?: (key: string) => Record<string, string>
      }[] = [
        {
          status: 200,
          body: (key) =>
            JSON.stringify({
              success: true,
              url: `https://x.example/?k=${key}`,
              deep: [{ [key]: { key } }],
            }),
        },
        {
          status: 401,
          body: (key) => JSON.stringify({ error: `Unauthorized. Invalid API key ${key}` }),
        },
        {
          status: 400,
          body: (key) =>
            `{"errors":[{"msg":"bad","param":"x","location":"header","value":"${escapeKey(key)}"}]}`,
        },
        {
          status: 429,
          body: (key) => `{"message":"${key}"}`,
          headers: (key) => ({ 'retry-after': key }),
        },
      ]
      for (const { status, body, headers } of echoes) {
        const { fetch } = fakeUpstream(({ headers: sent }) => {
          const key = sent['x-api-key'] ?? ''
          return new Response(body(key), { status, headers: headers?.(key) })
        })
        const response = await harness.proxy({ apiKey: API_KEY, fetch })(proxyRequest(OAUTH_PATH))
        const seen = [...response.headers].flat().join('\n')
        const raw = await response.clone().text()
        expect(raw).not.toContain(API_KEY)
        expect(seen).not.toContain(API_KEY)
        expect(raw).toContain('[redacted]')
        await expectJson(response, status)
      }
    })

    it('should answer 502 rather than leak a key that survives redaction', async () => {
      const { fetch } = fakeUpstream(() => new Response('{"n": 1234567}'))
      const response = await harness.proxy({ apiKey: '1234567', fetch })(proxyRequest(OAUTH_PATH))
      expect(await expectJson(response, 502)).toEqual({ error: 'bad_gateway' })
    })
  })

  describe('client abort', () => {
    it('should abort the upstream call when the request is aborted', async () => {
      let upstreamSignal: AbortSignal | undefined
      const fetch: typeof globalThis.fetch = (_input, init) => {
        upstreamSignal = init?.signal ?? undefined
        return hangingFetch()(_input, init)
      }
      const controller = new AbortController()
      const pending = harness.proxy({ apiKey: API_KEY, fetch })(
        proxyRequest(OAUTH_PATH, { signal: controller.signal }),
      )
      await vi.waitFor(() => expect(upstreamSignal).toBeDefined())
      controller.abort()
      // Over HTTP the client's own fetch rejects; the proxy still sees the connection close.
      await pending.catch(() => {})
      await vi.waitFor(() => expect(upstreamSignal?.aborted).toBe(true))
    })
  })
})

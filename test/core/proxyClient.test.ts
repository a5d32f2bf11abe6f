// @vitest-environment node
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectedAccount } from '../../src/core/account.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { createProxyClient, DEFAULT_PROXY_URL } from '../../src/core/proxyClient.js'
import { makeAccount, STATE } from './fakes.js'

const PROXY = 'http://localhost/api/pyas'
const OAUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x'
const HTML = '<!doctype html><html><body>Oops</body></html>'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Answers every request to `path` (any method) with `response`, recording the requests. */
function answer(path: string, response: () => Response) {
  const requests: Request[] = []
  server.use(
    http.all(`${PROXY}${path}`, ({ request }) => {
      requests.push(request.clone())
      return response()
    }),
  )
  return requests
}

const html = (status: number, headers: Record<string, string> = {}) =>
  new HttpResponse(HTML, { status, headers: { 'content-type': 'text/html', ...headers } })

async function rejection(promise: Promise<unknown>): Promise<PyasConnectError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(PyasConnectError)
  const pyasError = error as PyasConnectError
  expect(pyasError.message.length).toBeGreaterThan(0)
  return pyasError
}

/** An injected fetch that records its arguments and answers `body` with `status`. */
function recordingFetch(body: unknown = { success: true, url: OAUTH_URL }, status = 200) {
  return vi.fn<typeof fetch>(async () => Response.json(body, { status }))
}

describe('createProxyClient', () => {
  describe('getOAuthUrl', () => {
    it('should GET {proxyUrl}/{provider}/oauth with email and state and return the url', async () => {
      const requests = answer('/google/oauth', () =>
        HttpResponse.json({ success: true, url: OAUTH_URL }),
      )
      const client = createProxyClient({ proxyUrl: PROXY })
      await expect(
        client.getOAuthUrl('google', { email: 'ada@example.com', state: STATE }),
      ).resolves.toBe(OAUTH_URL)
      expect(requests).toHaveLength(1)
      const url = new URL(requests[0]!.url)
      expect(requests[0]!.method).toBe('GET')
      expect(url.pathname).toBe('/api/pyas/google/oauth')
      expect([...url.searchParams]).toEqual([
        ['email', 'ada@example.com'],
        ['state', STATE],
      ])
      expect(requests[0]!.headers.get('accept')).toBe('application/json')
    })

    it('should encode the email and state', async () => {
      const requests = answer('/microsoft/oauth', () =>
        HttpResponse.json({ success: true, url: OAUTH_URL }),
      )
      await createProxyClient({ proxyUrl: PROXY }).getOAuthUrl('microsoft', {
        email: 'a+b&c=d@example.com',
        state: 'pyas_x&y',
      })
      const url = new URL(requests[0]!.url)
      expect(url.searchParams.get('email')).toBe('a+b&c=d@example.com')
      expect(url.searchParams.get('state')).toBe('pyas_x&y')
    })

    it('should not send an email for zoom, even when given', async () => {
      const requests = answer('/zoom/oauth', () =>
        HttpResponse.json({ success: true, url: 'https://zoom.us/oauth/authorize' }),
      )
      await createProxyClient({ proxyUrl: PROXY }).getOAuthUrl('zoom', {
        email: 'ada@example.com',
        state: STATE,
      })
      const url = new URL(requests[0]!.url)
      expect(url.pathname).toBe('/api/pyas/zoom/oauth')
      expect([...url.searchParams]).toEqual([['state', STATE]])
    })

    it('should map a 2xx without a url to proxy_error', async () => {
      for (const body of [{ success: true }, { success: true, url: '' }, { url: 42 }, null]) {
        answer('/google/oauth', () => HttpResponse.json(body))
        const error = await rejection(
          createProxyClient({ proxyUrl: PROXY }).getOAuthUrl('google', {
            email: 'ada@example.com',
            state: STATE,
          }),
        )
        expect(error.code).toBe('proxy_error')
      }
    })

    it('should set status 200 on the proxy_error for a 2xx without a url', async () => {
      answer('/google/oauth', () => HttpResponse.json({ success: true }))
      const error = await rejection(
        createProxyClient({ proxyUrl: PROXY }).getOAuthUrl('google', { state: STATE }),
      )
      expect(error.code).toBe('proxy_error')
      expect(error.status).toBe(200)
    })
  })

  describe('connect', () => {
    it('should POST JSON {code, name} to {proxyUrl}/{provider}/connect and return the account', async () => {
      const account = makeAccount('microsoft')
      const requests = answer('/microsoft/connect', () =>
        HttpResponse.json({ success: true, data: { account } }),
      )
      const client = createProxyClient({ proxyUrl: PROXY })
      await expect(
        client.connect(
          'microsoft',
          { code: 'M.C1/abc', name: 'Ada Lovelace' },
          connectedAccount('microsoft'),
        ),
      ).resolves.toEqual(account)
      const request = requests[0]!
      expect(request.method).toBe('POST')
      expect(new URL(request.url).pathname).toBe('/api/pyas/microsoft/connect')
      expect(new URL(request.url).search).toBe('')
      expect(request.headers.get('content-type')).toBe('application/json')
      expect(request.headers.get('accept')).toBe('application/json')
      expect(await request.json()).toEqual({ code: 'M.C1/abc', name: 'Ada Lovelace' })
    })

    it('should give the account empty scopes when Pyas sends none', async () => {
      const { scopes: _scopes, ...account } = makeAccount('zoom')
      answer('/zoom/connect', () => HttpResponse.json({ success: true, data: { account } }))
      const result = await createProxyClient({ proxyUrl: PROXY }).connect(
        'zoom',
        { code: 'c', name: 'Ada' },
        connectedAccount('zoom'),
      )
      expect(result.scopes).toEqual([])
      expect(result.accountId).toBe('acc_zoom')
    })

    it('should map a 2xx without an account to proxy_error', async () => {
      for (const body of [
        { success: true },
        { success: true, data: {} },
        { success: true, data: { account: { email: 'a@b.co' } } },
        { success: true, data: { account: { accountId: 7 } } },
      ]) {
        answer('/google/connect', () => HttpResponse.json(body))
        const error = await rejection(
          createProxyClient({ proxyUrl: PROXY }).connect(
            'google',
            { code: 'c', name: 'Ada' },
            connectedAccount('google'),
          ),
        )
        expect(error.code).toBe('proxy_error')
      }
    })
  })

  describe('error mapping', () => {
    const call = () =>
      createProxyClient({ proxyUrl: PROXY }).connect(
        'google',
        { code: 'c', name: 'Ada' },
        connectedAccount('google'),
      )

    it('should map 400 errors[] to invalid_request with fieldErrors (last message wins)', async () => {
      answer('/google/connect', () =>
        HttpResponse.json(
          {
            errors: [
              { msg: 'Invalid value', param: 'email', location: 'query' },
              { msg: 'a valid email is required.', param: 'email', location: 'query' },
            ],
          },
          { status: 400 },
        ),
      )
      const error = await rejection(call())
      expect(error.code).toBe('invalid_request')
      expect(error.status).toBe(400)
      expect(error.fieldErrors?.email).toBe('a valid email is required.')
    })

    it('should map 400 invalid_grant to invalid_grant', async () => {
      answer('/google/connect', () =>
        HttpResponse.json({ success: false, error: 'invalid_grant', code: 400 }, { status: 400 }),
      )
      const error = await rejection(call())
      expect(error.code).toBe('invalid_grant')
      expect(error.status).toBe(400)
    })

    it('should map another JSON 400 to invalid_request', async () => {
      answer('/google/connect', () => HttpResponse.json({ error: 'weird' }, { status: 400 }))
      const error = await rejection(call())
      expect(error.code).toBe('invalid_request')
      expect(error.status).toBe(400)
    })

    it.each([
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [429, 'rate_limited'],
    ] as const)('should map %i with an HTML body to %s', async (status, code) => {
      answer('/google/connect', () => html(status))
      const error = await rejection(call())
      expect(error.code).toBe(code)
      expect(error.status).toBe(status)
    })

    it('should map 401 with Pyas JSON to unauthorized', async () => {
      answer('/google/connect', () =>
        HttpResponse.json({ error: 'Unauthorized. Invalid API key.' }, { status: 401 }),
      )
      expect((await rejection(call())).code).toBe('unauthorized')
    })

    it('should read retryAfter from Retry-After seconds', async () => {
      answer('/google/connect', () =>
        HttpResponse.json(
          { message: 'Too many requests', code: 429, error: 'Rate limit exceeded' },
          { status: 429, headers: { 'Retry-After': '30' } },
        ),
      )
      const error = await rejection(call())
      expect(error.code).toBe('rate_limited')
      expect(error.retryAfter).toBe(30)
    })

    it('should read retryAfter from a Retry-After HTTP date', async () => {
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 120_000)
      answer('/google/connect', () => html(429, { 'Retry-After': at.toUTCString() }))
      const error = await rejection(call())
      expect(error.code).toBe('rate_limited')
      expect(error.retryAfter).toBeGreaterThanOrEqual(119)
      expect(error.retryAfter).toBeLessThanOrEqual(121)
    })

    it.each([404, 405, 500, 502, 503, 504])('should map %i to proxy_error', async (status) => {
      answer('/google/connect', () =>
        HttpResponse.json({ success: false, error: 'x', code: status }, { status }),
      )
      const error = await rejection(call())
      expect(error.code).toBe('proxy_error')
      expect(error.status).toBe(status)
    })

    it('should map a 5xx with an HTML body to proxy_error', async () => {
      answer('/google/connect', () => html(502))
      const error = await rejection(call())
      expect(error.code).toBe('proxy_error')
      expect(error.status).toBe(502)
    })

    it('should map an HTML 200 to proxy_error', async () => {
      answer('/google/connect', () => html(200))
      const error = await rejection(call())
      expect(error.code).toBe('proxy_error')
      expect(error.status).toBe(200)
    })

    it('should map an empty 204 to proxy_error', async () => {
      answer('/google/oauth', () => new HttpResponse(null, { status: 204 }))
      const error = await rejection(
        createProxyClient({ proxyUrl: PROXY }).getOAuthUrl('google', { state: STATE }),
      )
      expect(error.code).toBe('proxy_error')
    })

    it('should map a network failure to network, keeping the cause', async () => {
      server.use(http.post(`${PROXY}/google/connect`, () => HttpResponse.error()))
      const error = await rejection(call())
      expect(error.code).toBe('network')
      expect(error.status).toBeUndefined()
      expect(error.cause).toBeInstanceOf(Error)
    })

    it('should map an injected fetch that rejects to network', async () => {
      const cause = new TypeError('Failed to fetch')
      const client = createProxyClient({
        proxyUrl: PROXY,
        fetch: vi.fn<typeof fetch>(async () => {
          throw cause
        }),
      })
      const error = await rejection(client.getOAuthUrl('google', { state: STATE }))
      expect(error.code).toBe('network')
      expect(error.cause).toBe(cause)
    })

    it('should pass an abort through as it is, not as a network error', async () => {
      answer('/google/connect', () => HttpResponse.json({}))
      const controller = new AbortController()
      controller.abort()
      const client = createProxyClient({ proxyUrl: PROXY })
      const thrown = await client
        .connect(
          'google',
          { code: 'c', name: 'Ada' },
          connectedAccount('google'),
          controller.signal,
        )
        .catch((error: unknown) => error)
      expect(thrown).not.toBeInstanceOf(PyasConnectError)
      expect((thrown as Error).name).toBe('AbortError')
    })
  })

  describe('options', () => {
    it('should send credentials same-origin by default and the given value otherwise', async () => {
      const fetch = recordingFetch()
      await createProxyClient({ proxyUrl: PROXY, fetch }).getOAuthUrl('google', { state: STATE })
      expect(fetch.mock.calls[0]![1]?.credentials).toBe('same-origin')
      const include = recordingFetch()
      await createProxyClient({
        proxyUrl: PROXY,
        fetch: include,
        credentials: 'include',
      }).getOAuthUrl('google', { state: STATE })
      expect(include.mock.calls[0]![1]?.credentials).toBe('include')
    })

    it('should pass headers to fetch as a plain object', async () => {
      const fetch = recordingFetch({ success: true, data: { account: makeAccount() } })
      await createProxyClient({ proxyUrl: PROXY, fetch, headers: { 'x-csrf': 't1' } }).connect(
        'google',
        { code: 'c', name: 'Ada' },
        connectedAccount('google'),
      )
      const init = fetch.mock.calls[0]![1]!
      expect(init.method).toBe('POST')
      expect(init.headers).toEqual({
        accept: 'application/json',
        'content-type': 'application/json',
        'x-csrf': 't1',
      })
      expect(JSON.parse(init.body as string)).toEqual({ code: 'c', name: 'Ada' })
    })

    it('should send headers from an object, a sync function and an async function', async () => {
      const requests = answer('/google/oauth', () =>
        HttpResponse.json({ success: true, url: OAUTH_URL }),
      )
      const sync = vi.fn(() => ({ 'x-csrf': 'sync' }))
      const async = vi.fn(async () => ({ 'x-csrf': 'async' }))
      for (const headers of [{ 'x-csrf': 'object' }, sync, async]) {
        await createProxyClient({ proxyUrl: PROXY, headers }).getOAuthUrl('google', {
          state: STATE,
        })
      }
      expect(requests.map((request) => request.headers.get('x-csrf'))).toEqual([
        'object',
        'sync',
        'async',
      ])
      expect(requests.every((r) => r.headers.get('accept') === 'application/json')).toBe(true)
    })

    it('should call a headers function for every request, so a rotated token is used', async () => {
      const requests = answer('/google/oauth', () =>
        HttpResponse.json({ success: true, url: OAUTH_URL }),
      )
      let token = 0
      const client = createProxyClient({
        proxyUrl: PROXY,
        headers: () => ({ 'x-csrf': `t${++token}` }),
      })
      await client.getOAuthUrl('google', { state: STATE })
      await client.getOAuthUrl('google', { state: STATE })
      expect(requests.map((request) => request.headers.get('x-csrf'))).toEqual(['t1', 't2'])
    })

    it('should reject with a PyasConnectError when the headers function fails', async () => {
      const cause = new Error('no CSRF token')
      const fetch = recordingFetch()
      const client = createProxyClient({
        proxyUrl: PROXY,
        fetch,
        headers: async () => {
          throw cause
        },
      })
      const error = await rejection(client.getOAuthUrl('google', { state: STATE }))
      expect(error.cause).toBe(cause)
      expect(fetch).not.toHaveBeenCalled()
    })

    it.each([`${PROXY}/`, `${PROXY}//`])(
      'should handle a trailing slash in proxyUrl (%s)',
      async (proxyUrl) => {
        const requests = answer('/google/oauth', () =>
          HttpResponse.json({ success: true, url: OAUTH_URL }),
        )
        await createProxyClient({ proxyUrl }).getOAuthUrl('google', { state: STATE })
        expect(new URL(requests[0]!.url).pathname).toBe('/api/pyas/google/oauth')
      },
    )

    it('should default proxyUrl to /api/pyas', async () => {
      expect(DEFAULT_PROXY_URL).toBe('/api/pyas')
      const fetch = recordingFetch()
      await createProxyClient({ fetch }).getOAuthUrl('zoom', { state: STATE })
      const url = new URL(String(fetch.mock.calls[0]![0]), 'http://localhost')
      expect(url.pathname).toBe('/api/pyas/zoom/oauth')
      expect(url.searchParams.get('state')).toBe(STATE)
    })

    it('should use the injected fetch rather than the global one', async () => {
      const fetch = recordingFetch()
      // No msw handler: a request through the global fetch would fail the test.
      await createProxyClient({ proxyUrl: PROXY, fetch }).getOAuthUrl('google', { state: STATE })
      expect(fetch).toHaveBeenCalledTimes(1)
    })
  })
})

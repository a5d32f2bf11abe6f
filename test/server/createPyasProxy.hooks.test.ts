// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { PyasAccount } from '../../src/core/types.js'
import type { PyasAuthorizeContext, PyasConnectedContext } from '../../src/server/index.js'
import { expectJson } from './expectJson.js'
import {
  ACCOUNT,
  API_KEY,
  connectRequest,
  fakeUpstream,
  MODES,
  OAUTH_PATH,
  ORIGIN,
  proxyHarness,
  proxyRequest,
} from './helpers.js'

describe.each(MODES)('createPyasProxy (%s)', (mode) => {
  const harness = proxyHarness(mode)

  describe('allowedOrigins', () => {
    it('should allow listed origins, refuse others, and refuse a POST without Origin', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: ['https://app.example:443'],
        fetch,
      })
      expect((await pyas(proxyRequest(OAUTH_PATH, { headers: { origin: ORIGIN } }))).status).toBe(
        200,
      )
      expect((await pyas(connectRequest('google', undefined, { origin: ORIGIN }))).status).toBe(200)
      expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(200)
      for (const request of [
        proxyRequest(OAUTH_PATH, { headers: { origin: 'https://evil.example' } }),
        proxyRequest(OAUTH_PATH, { headers: { origin: 'null' } }),
        connectRequest('google', undefined, { origin: 'http://app.example' }),
        connectRequest('google'),
      ]) {
        expect(await expectJson(await pyas(request), 403)).toEqual({ error: 'forbidden' })
      }
      expect(calls).toHaveLength(3)
    })

    it('should ask a predicate with the origin and the request', async () => {
      const predicate = vi.fn(
        (origin: string, request: Request) =>
          origin.endsWith('.example') && request.method === 'POST',
      )
      const pyas = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: predicate,
        fetch: fakeUpstream().fetch,
      })
      expect((await pyas(connectRequest('google', undefined, { origin: ORIGIN }))).status).toBe(200)
      expect(predicate).toHaveBeenCalledWith(ORIGIN, expect.any(Request))
      expect((await pyas(proxyRequest(OAUTH_PATH, { headers: { origin: ORIGIN } }))).status).toBe(
        403,
      )
      expect((await pyas(connectRequest('google'))).status).toBe(403)
      expect(predicate).toHaveBeenCalledTimes(2)
      const calls = predicate.mock.calls.length
      expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(200)
      expect(predicate).toHaveBeenCalledTimes(calls)
    })

    it('should fail closed when the predicate throws or returns a non-boolean', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      const throwing = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: () => {
          throw new Error('boom')
        },
        fetch: fakeUpstream().fetch,
      })
      const request = () => proxyRequest(OAUTH_PATH, { headers: { origin: ORIGIN } })
      expect(await expectJson(await throwing(request()), 500)).toEqual({ error: 'internal_error' })
      const truthy = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: (() => 'yes') as never,
        fetch: fakeUpstream().fetch,
      })
      expect((await truthy(request())).status).toBe(403)
      error.mockRestore()
    })
  })

  describe('authorize', () => {
    it('should receive the request, provider, action and email', async () => {
      const authorize = vi.fn((_context: PyasAuthorizeContext) => true)
      const pyas = harness.proxy({ apiKey: API_KEY, authorize, fetch: fakeUpstream().fetch })
      await pyas(proxyRequest(OAUTH_PATH, { headers: { cookie: 'session=abc' } }))
      await pyas(proxyRequest('/zoom/oauth?email=ada%40example.com'))
      await pyas(connectRequest('microsoft'))
      const contexts = authorize.mock.calls.map(([context]) => context)
      expect(contexts).toEqual([
        {
          request: expect.any(Request),
          provider: 'google',
          action: 'oauth',
          email: 'ada@example.com',
        },
        { request: expect.any(Request), provider: 'zoom', action: 'oauth', email: undefined },
        {
          request: expect.any(Request),
          provider: 'microsoft',
          action: 'connect',
          email: undefined,
        },
      ])
      expect(contexts[0]?.request.headers.get('cookie')).toBe('session=abc')
      expect(new URL(contexts[0]?.request.url ?? '').pathname).toBe('/api/pyas/google/oauth')
    })

    it('should continue on true and answer 403 on false or anything else, sync or async', async () => {
      const verdicts = [
        [() => true, 200],
        [async () => true, 200],
        [() => false, 403],
        [async () => false, 403],
        [() => undefined, 403],
        [() => 'yes', 403],
      ] as const
      for (const [authorize, status] of verdicts) {
        const pyas = harness.proxy({
          apiKey: API_KEY,
          authorize: authorize as never,
          fetch: fakeUpstream().fetch,
        })
        const response = await pyas(connectRequest('google'))
        expect(response.status).toBe(status)
        if (status === 403) expect(await expectJson(response, 403)).toEqual({ error: 'forbidden' })
      }
    })

    it('should return a Response from authorize as is', async () => {
      const { fetch, calls } = fakeUpstream()
      const authorize = async () =>
        new Response('sign in first', {
          status: 401,
          headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' },
        })
      const response = await harness.proxy({ apiKey: API_KEY, authorize, fetch })(
        proxyRequest(OAUTH_PATH),
      )
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(response.headers.get('content-type')).toBe('text/plain')
      expect(response.headers.get('cache-control')).toBeNull()
      expect(await response.text()).toBe('sign in first')
      expect(calls).toHaveLength(0)
    })

    it('should answer 500 when authorize throws or rejects', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      for (const authorize of [
        () => {
          throw new Error('db down')
        },
        async () => {
          throw new Error('db down')
        },
      ]) {
        const { fetch, calls } = fakeUpstream()
        const response = await harness.proxy({ apiKey: API_KEY, authorize, fetch })(
          connectRequest('google'),
        )
        expect(await expectJson(response, 500)).toEqual({ error: 'internal_error' })
        expect(calls).toHaveLength(0)
      }
      expect(error).toHaveBeenCalledTimes(2)
      error.mockRestore()
    })

    it('should answer 500 when authorize consumed the body, but not when it read a clone', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      const consuming = harness.proxy({
        apiKey: API_KEY,
        authorize: async ({ request }) => (await request.json()) !== null,
        fetch: fakeUpstream().fetch,
      })
      expect(await expectJson(await consuming(connectRequest('google')), 500)).toEqual({
        error: 'internal_error',
      })
      expect(error).toHaveBeenCalledWith(
        expect.any(String),
        expect.objectContaining({ message: expect.stringContaining('already read') }),
      )
      error.mockRestore()
      const { fetch, calls } = fakeUpstream()
      const cloning = harness.proxy({
        apiKey: API_KEY,
        authorize: async ({ request }) => (await request.clone().json()).name === 'Ada',
        fetch,
      })
      expect((await cloning(connectRequest('google'))).status).toBe(200)
      expect(calls[0]?.body).toBe('{"code":"auth-code","name":"Ada"}')
    })
  })

  describe('onConnected', () => {
    it('should be called once with the account, the request and the provider', async () => {
      const onConnected = vi.fn((_account: PyasAccount, _context: PyasConnectedContext) => {})
      const { fetch } = fakeUpstream(() =>
        Response.json({ success: true, data: { account: ACCOUNT } }),
      )
      const pyas = harness.proxy({ apiKey: API_KEY, onConnected, fetch })
      const response = await pyas(connectRequest('google', undefined, { cookie: 'session=abc' }))
      expect(await expectJson(response, 200)).toEqual({ success: true, data: { account: ACCOUNT } })
      expect(onConnected).toHaveBeenCalledTimes(1)
      expect(onConnected).toHaveBeenCalledWith(ACCOUNT, {
        request: expect.any(Request),
        provider: 'google',
      })
      expect(onConnected.mock.calls[0]?.[1].request.headers.get('cookie')).toBe('session=abc')
    })

    it('should wait for an async onConnected before answering', async () => {
      let saved = false
      const onConnected = async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        saved = true
      }
      const { fetch } = fakeUpstream(() =>
        Response.json({ success: true, data: { account: ACCOUNT } }),
      )
      await harness.proxy({ apiKey: API_KEY, onConnected, fetch })(connectRequest('google'))
      expect(saved).toBe(true)
    })

    it('should answer 500 when onConnected throws', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      const onConnected = vi.fn(async () => {
        throw new Error('could not save')
      })
      const { fetch } = fakeUpstream(() =>
        Response.json({ success: true, data: { account: ACCOUNT } }),
      )
      const response = await harness.proxy({ apiKey: API_KEY, onConnected, fetch })(
        connectRequest('google'),
      )
      expect(await expectJson(response, 500)).toEqual({ error: 'internal_error' })
      expect(error).toHaveBeenCalledWith(
        expect.any(String),
        expect.objectContaining({ message: 'could not save' }),
      )
      error.mockRestore()
    })

    it('should get the userId authorize returned, and authorize may return only a non-empty one', async () => {
      const onConnected = vi.fn((_account: PyasAccount, _context: PyasConnectedContext) => {})
      const { fetch } = fakeUpstream()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        onConnected,
        fetch,
        authorize: ({ request }) => {
          const user = request.headers.get('x-user')
          return user === null ? false : { userId: JSON.parse(user) }
        },
      })
      const allowed = await pyas(connectRequest('google', undefined, { 'x-user': '"user_1"' }))
      expect(allowed.status).toBe(200)
      expect(onConnected).toHaveBeenCalledExactlyOnceWith(
        { ...ACCOUNT, provider: 'google' },
        { request: expect.any(Request), provider: 'google', userId: 'user_1' },
      )
      for (const user of ['""', '5', 'null', '{"id":"u"}']) {
        const refused = await pyas(connectRequest('google', undefined, { 'x-user': user }))
        expect(await expectJson(refused, 403)).toEqual({ error: 'forbidden' })
      }
      expect(onConnected).toHaveBeenCalledOnce()
    })

    it.each([
      ['another provider', { ...ACCOUNT, provider: 'microsoft' }],
      ['no accountId', { ...ACCOUNT, accountId: undefined }],
      ['an empty accountId', { ...ACCOUNT, accountId: '' }],
      ['an object as accountId', { ...ACCOUNT, accountId: { $ne: null } }],
      ['no account', undefined],
    ])(
      'should answer 502 to a connect answering %s, with or without onConnected',
      async (_, account) => {
        const onConnected = vi.fn()
        const answer = () => Response.json({ success: true, data: { account } })
        for (const options of [{ onConnected }, {}]) {
          const pyas = harness.proxy({
            apiKey: API_KEY,
            fetch: fakeUpstream(answer).fetch,
            ...options,
          })
          expect(await expectJson(await pyas(connectRequest('google')), 502)).toEqual({
            error: 'bad_gateway',
          })
        }
        expect(onConnected).not.toHaveBeenCalled()
      },
    )

    it('should log a hook error with the API key and URL credentials and queries redacted', async () => {
      const logger = { error: vi.fn(), warn: vi.fn() }
      const pyas = harness.proxy({
        apiKey: () => API_KEY,
        fetch: fakeUpstream().fetch,
        logger,
        onConnected: () => {
          throw new Error(`POST https://me:pw@crm.example/save?key=${API_KEY} refused ${API_KEY}`)
        },
      })
      expect((await pyas(connectRequest('google'))).status).toBe(500)
      const [message, error] = logger.error.mock.calls[0] ?? []
      expect(message).toBe('[@pyas/react/server] request failed with an internal error')
      expect((error as Error).message).toBe('POST https://crm.example/save refused [redacted]')
      expect(JSON.stringify([message, (error as Error).stack])).not.toContain(API_KEY)
      expect((error as Error).stack).not.toContain('pw@')
    })

    it('should not be called on a 4xx, an oauth call, or a 2xx without an account', async () => {
      const onConnected = vi.fn((_account: PyasAccount, _context: PyasConnectedContext) => {})
      const answers = [
        () => Response.json({ success: false, error: 'invalid_grant', code: 400 }, { status: 400 }),
        () => Response.json({ success: true, data: {} }),
        () => Response.json({ success: true, data: { account: [] } }),
      ]
      for (const answer of answers) {
        const pyas = harness.proxy({
          apiKey: API_KEY,
          onConnected,
          fetch: fakeUpstream(answer).fetch,
        })
        await pyas(connectRequest('google'))
      }
      const { fetch } = fakeUpstream(() =>
        Response.json({ success: true, url: 'x', data: { account: ACCOUNT } }),
      )
      await harness.proxy({ apiKey: API_KEY, onConnected, fetch })(proxyRequest(OAUTH_PATH))
      expect(onConnected).not.toHaveBeenCalled()
    })
  })
})

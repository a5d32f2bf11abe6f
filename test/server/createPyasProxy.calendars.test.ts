// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import {
  createPyasProxy,
  type PyasAuthorizeAccountContext,
  type PyasAuthorizeContext,
} from '../../src/server/index.js'
import { expectJson } from './expectJson.js'
import { API_KEY, fakeUpstream, MODES, ORIGIN, proxyHarness, proxyRequest } from './helpers.js'

const CALENDARS = {
  success: true,
  data: { calendars: [{ id: 'primary', summary: 'Ada', primary: true, accessRole: 'owner' }] },
}

/** Pyas's calendars answer for any calls (oauth/connect calls are not expected here). */
function calendarsUpstream() {
  return fakeUpstream(() => Response.json(CALENDARS))
}

function calendarsRequest(query: string, init?: RequestInit): Request {
  return proxyRequest(`/google/calendars${query}`, init)
}

describe.each(MODES)('createPyasProxy calendars route (%s)', (mode) => {
  const harness = proxyHarness(mode)

  it('should answer 404 when `authorizeAccount` is not given', async () => {
    const { fetch, calls } = calendarsUpstream()
    const pyas = harness.proxy({ apiKey: API_KEY, fetch })
    const response = await pyas(calendarsRequest('?accountId=acc_1'))
    expect(await expectJson(response, 404)).toEqual({ error: 'not_found' })
    expect(calls).toHaveLength(0)
  })

  it('should answer 404 for zoom and for a provider left out of `providers`', async () => {
    const { fetch, calls } = calendarsUpstream()
    const authorizeAccount = vi.fn(() => true)
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount, providers: ['google'] })
    for (const path of ['/zoom/calendars?accountId=acc_1', '/microsoft/calendars?accountId=a']) {
      expect(await expectJson(await pyas(proxyRequest(path)), 404)).toEqual({
        error: 'not_found',
      })
    }
    expect(authorizeAccount).not.toHaveBeenCalled()
    expect(calls).toHaveLength(0)
  })

  it('should pass the answer through with only `accountId` upstream', async () => {
    const { fetch, calls } = calendarsUpstream()
    const authorizeAccount = vi.fn((_context: PyasAuthorizeAccountContext) => true)
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount })
    const response = await pyas(
      calendarsRequest('?accountId=acc_1.x-Y&email=eve%40example.com&state=s&userId=u_2', {
        headers: { cookie: 'session=abc', authorization: 'Bearer t', 'x-api-key': 'client' },
      }),
    )
    expect(await expectJson(response, 200)).toEqual(CALENDARS)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.method).toBe('GET')
    expect(calls[0]?.url).toBe('https://api.pyas.io/google/calendars?accountId=acc_1.x-Y')
    expect(calls[0]?.headers).toEqual({ 'x-api-key': API_KEY, accept: 'application/json' })
    expect(authorizeAccount).toHaveBeenCalledTimes(1)
    expect(authorizeAccount.mock.calls[0]?.[0]).toMatchObject({
      provider: 'google',
      accountId: 'acc_1.x-Y',
    })
    expect(authorizeAccount.mock.calls[0]?.[0]).not.toHaveProperty('userId')
  })

  it('should pass Pyas 404 for an unknown account through', async () => {
    const missing = { success: false, error: 'Invalid account id. Account Not Found', code: 404 }
    const { fetch } = fakeUpstream(() => Response.json(missing, { status: 404 }))
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount: () => true })
    const response = await pyas(proxyRequest('/microsoft/calendars?accountId=nope'))
    expect(await expectJson(response, 404)).toEqual(missing)
  })

  it('should answer 403 when `authorizeAccount` says no (anything but true), without Pyas', async () => {
    for (const verdict of [false, undefined, 'yes', 1, { ok: true }]) {
      const { fetch, calls } = calendarsUpstream()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch,
        authorizeAccount: (async () => verdict) as () => Promise<boolean>,
      })
      const response = await pyas(calendarsRequest('?accountId=acc_other'))
      expect(await expectJson(response, 403)).toEqual({ error: 'forbidden' })
      expect(calls).toHaveLength(0)
    }
  })

  it.each([
    ['a path', '?accountId=..%2Fx'],
    ['a space', '?accountId=a%20b'],
    ['201 characters', `?accountId=${'a'.repeat(201)}`],
    ['an empty id', '?accountId='],
    ['no id', ''],
    ['a slash', '?accountId=a/b'],
    ['a non-ASCII letter', '?accountId=%C3%A9'],
  ])('should answer 400 in Pyas shape for %s, before asking the app', async (_, query) => {
    const { fetch, calls } = calendarsUpstream()
    const authorizeAccount = vi.fn(() => true)
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount })
    const body = (await expectJson(await pyas(calendarsRequest(query)), 400)) as {
      errors: { param: string; location: string; msg: string }[]
    }
    expect(body.errors).toEqual([
      expect.objectContaining({ param: 'accountId', location: 'query', msg: expect.any(String) }),
    ])
    expect(authorizeAccount).not.toHaveBeenCalled()
    expect(calls).toHaveLength(0)
  })

  it('should accept an id of 200 characters', async () => {
    const { fetch, calls } = calendarsUpstream()
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount: () => true })
    await expectJson(await pyas(calendarsRequest(`?accountId=${'a'.repeat(200)}`)), 200)
    expect(calls).toHaveLength(1)
  })

  it('should answer 405 with Allow: GET to another method', async () => {
    const pyas = harness.proxy({
      apiKey: API_KEY,
      fetch: calendarsUpstream().fetch,
      authorizeAccount: () => true,
    })
    const response = await pyas(calendarsRequest('?accountId=a', { method: 'POST', body: '{}' }))
    expect(response.headers.get('allow')).toBe('GET')
    expect(await expectJson(response, 405)).toEqual({ error: 'method_not_allowed' })
  })

  it('should check the origin: a foreign one is 403, none is allowed for this GET', async () => {
    const { fetch } = calendarsUpstream()
    const authorizeAccount = vi.fn(() => true)
    const pyas = harness.proxy({
      apiKey: API_KEY,
      fetch,
      authorizeAccount,
      allowedOrigins: [ORIGIN],
    })
    const foreign = calendarsRequest('?accountId=a', {
      headers: { origin: 'https://evil.example' },
    })
    expect(await expectJson(await pyas(foreign), 403)).toEqual({ error: 'forbidden' })
    expect(authorizeAccount).not.toHaveBeenCalled()
    await expectJson(
      await pyas(calendarsRequest('?accountId=a', { headers: { origin: ORIGIN } })),
      200,
    )
    await expectJson(await pyas(calendarsRequest('?accountId=a')), 200)
  })

  it('should run after `authorize` and hand it the signed-in user', async () => {
    const order: string[] = []
    const authorize = vi.fn((context: PyasAuthorizeContext) => {
      order.push(`authorize ${context.action} ${context.provider}`)
      return { userId: 'user_1' }
    })
    const authorizeAccount = vi.fn((context: PyasAuthorizeAccountContext) => {
      order.push(`account ${context.userId} ${context.accountId}`)
      return context.userId === 'user_1' && context.accountId === 'acc_1'
    })
    const { fetch, calls } = calendarsUpstream()
    const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorize, authorizeAccount })
    await expectJson(await pyas(calendarsRequest('?accountId=acc_1')), 200)
    await expectJson(await pyas(calendarsRequest('?accountId=acc_2')), 403)
    expect(order).toEqual([
      'authorize calendars google',
      'account user_1 acc_1',
      'authorize calendars google',
      'account user_1 acc_2',
    ])
    expect(calls).toHaveLength(1)
  })

  it('should not ask `authorizeAccount` when `authorize` refuses', async () => {
    const authorizeAccount = vi.fn(() => true)
    const pyas = harness.proxy({
      apiKey: API_KEY,
      fetch: calendarsUpstream().fetch,
      authorize: () => false,
      authorizeAccount,
    })
    // `authorize` comes first: even a malformed id is a 403 then.
    for (const query of ['?accountId=acc_1', '?accountId=a%20b']) {
      expect(await expectJson(await pyas(calendarsRequest(query)), 403)).toEqual({
        error: 'forbidden',
      })
    }
    expect(authorizeAccount).not.toHaveBeenCalled()
  })

  it('should answer 500 and log redacted when `authorizeAccount` throws', async () => {
    const logger = { error: vi.fn() }
    const { fetch, calls } = calendarsUpstream()
    const pyas = harness.proxy({
      apiKey: API_KEY,
      fetch,
      logger,
      authorizeAccount: () => {
        throw new Error(`lookup failed with ${API_KEY} at https://u:p@db.example/x?token=t`)
      },
    })
    await pyas(calendarsRequest('?accountId=acc_1'))
    const response = await pyas(calendarsRequest('?accountId=acc_1'))
    expect(await expectJson(response, 500)).toEqual({ error: 'internal_error' })
    expect(calls).toHaveLength(0)
    const logged = JSON.stringify(logger.error.mock.calls.map((call) => [call[0], String(call[1])]))
    expect(logged).toContain('lookup failed with [redacted] at https://db.example/x')
    expect(logged).not.toContain(API_KEY)
    expect(logged).not.toContain('token=t')
  })

  it('should bound the answer like every route: a body over 1 MiB or too deep is a 502', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(1024 * 1024 + 1) })
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`
    for (const text of [big, deep]) {
      const { fetch } = fakeUpstream(
        () => new Response(text, { headers: { 'content-type': 'application/json' } }),
      )
      const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorizeAccount: () => true })
      const response = await pyas(calendarsRequest('?accountId=acc_1'))
      expect(await expectJson(response, 502)).toEqual({ error: 'bad_gateway' })
    }
  })

  it('should answer 504 when Pyas is slower than `timeoutMs`', async () => {
    const fetch: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    const pyas = harness.proxy({
      apiKey: API_KEY,
      fetch,
      timeoutMs: 50,
      authorizeAccount: () => true,
    })
    const response = await pyas(calendarsRequest('?accountId=acc_1'))
    expect(await expectJson(response, 504)).toEqual({ error: 'upstream_timeout' })
  })
})

describe('createPyasProxy `authorizeAccount` option', () => {
  it.each([
    ['a string', 'yes'],
    ['an object', {}],
    ['true', true],
  ])('should throw a TypeError at creation for %s', (_, value) => {
    expect(() =>
      createPyasProxy({ apiKey: API_KEY, authorizeAccount: value as unknown as () => boolean }),
    ).toThrow(
      new TypeError(
        `createPyasProxy: \`authorizeAccount\` must be a function, got ${typeof value}`,
      ),
    )
  })
})

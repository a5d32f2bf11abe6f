// @vitest-environment node
import { createHmac } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import {
  createConnectLinks,
  createPyasProxy,
  type PyasAuthorizeAccountContext,
  type PyasAuthorizeContext,
  type PyasConnectedContext,
  type PyasConnectLinkClaims,
} from '../../src/server/index.js'
import { expectJson } from './expectJson.js'
import {
  API_KEY,
  connectRequest,
  fakeUpstream,
  MODES,
  ORIGIN,
  proxyHarness,
  proxyRequest,
} from './helpers.js'

const SECRET = 'link_secret_0123456789abcdef0123456789'
const LANDING = 'https://app.example/connect'

function linksRequest(body: unknown = {}, headers: Record<string, string> = {}): Request {
  return proxyRequest('/links', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const tokenOf = (url: string) => new URL(url).searchParams.get('pyas_link') ?? ''

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** A token signed here with node:crypto, to forge claims (expired ones) the way the format says. */
function signToken(claims: Record<string, unknown>, secret = SECRET): string {
  const payload = b64(JSON.stringify(claims))
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`
}

/** Links with a spy on the consume in force (the in-memory default behind it). */
function spiedLinks() {
  const spent = new Set<string>()
  const consume = vi.fn((jti: string) => {
    if (spent.has(jti)) return false
    spent.add(jti)
    return true
  })
  return { links: createConnectLinks({ secret: SECRET, url: LANDING, consume }), consume }
}

describe.each(MODES)('createPyasProxy connect links (%s)', (mode) => {
  const harness = proxyHarness(mode)

  describe('POST links', () => {
    it('should answer 404 without `connectLinks`', async () => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream().fetch,
        authorize: () => ({ userId: 'u1' }),
      })
      expect(await expectJson(await pyas(linksRequest()), 404)).toEqual({ error: 'not_found' })
    })

    it('should answer a link for the user `authorize` returned', async () => {
      const { links } = spiedLinks()
      const authorize = vi.fn((_context: PyasAuthorizeContext) => ({ userId: 'user_7' }))
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch, authorize, connectLinks: links })
      const body = (await expectJson(await pyas(linksRequest({ provider: 'google' })), 200)) as {
        url: string
      }
      expect(body.url.startsWith(`${LANDING}?pyas_link=`)).toBe(true)
      expect(links.verify(tokenOf(body.url))).toMatchObject({
        userId: 'user_7',
        provider: 'google',
      })
      const any = (await expectJson(await pyas(linksRequest({})), 200)) as { url: string }
      expect(links.verify(tokenOf(any.url))).not.toHaveProperty('provider')
      expect(authorize.mock.calls[0]?.[0]).toMatchObject({ action: 'links', provider: undefined })
      expect(calls).toHaveLength(0)
    })

    it.each([
      ['no authorize', undefined],
      ['authorize returning true', () => true],
      ['authorize returning false', () => false],
      ['an empty userId', () => ({ userId: '' })],
    ])('should answer 403 with %s (no signed-in user)', async (_, authorize) => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream().fetch,
        connectLinks: spiedLinks().links,
        ...(authorize ? { authorize: authorize as () => boolean } : {}),
      })
      expect(await expectJson(await pyas(linksRequest()), 403)).toEqual({ error: 'forbidden' })
    })

    it('should not let a link mint links', async () => {
      const { links } = spiedLinks()
      const token = tokenOf(await links.create({ userId: 'user_7' }))
      const pyas = harness.proxy({ apiKey: API_KEY, connectLinks: links })
      const response = await pyas(linksRequest({}, { 'x-pyas-link': token }))
      expect(await expectJson(response, 403)).toEqual({ error: 'forbidden' })
    })

    it('should check method, origin, content type and body in order', async () => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        providers: ['google', 'zoom'],
        allowedOrigins: [ORIGIN],
        authorize: () => ({ userId: 'u1' }),
        connectLinks: spiedLinks().links,
      })
      const get = await pyas(proxyRequest('/links'))
      expect(get.headers.get('allow')).toBe('POST')
      await expectJson(get, 405)
      expect(
        await expectJson(await pyas(linksRequest({}, { origin: 'https://evil.example' })), 403),
      ).toEqual({ error: 'forbidden' })
      const noOrigin = proxyRequest('/links', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      // A browser always sends Origin on a POST.
      expect(await expectJson(await pyas(noOrigin), 403)).toEqual({ error: 'forbidden' })
      await expectJson(await pyas(linksRequest({ provider: 'zoom' })), 200)
      await expectJson(await pyas(linksRequest('{}', { 'content-type': 'text/plain' })), 415)
      await expectJson(await pyas(linksRequest({ pad: 'x'.repeat(20_000) })), 413)
      for (const body of [
        'nope',
        '[]',
        { provider: 'yahoo' },
        { provider: 42 },
        { provider: 'microsoft' },
      ]) {
        const answer = (await expectJson(await pyas(linksRequest(body)), 400)) as {
          errors: unknown[]
        }
        expect(answer.errors).toHaveLength(1)
      }
    })
  })

  describe('a request carrying x-pyas-link', () => {
    it('should connect as the link user without asking `authorize`, spending the link once', async () => {
      const { links, consume } = spiedLinks()
      const authorize = vi.fn(() => false)
      const onConnected = vi.fn((_account: unknown, _context: PyasConnectedContext) => {})
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch,
        authorize,
        onConnected,
        connectLinks: links,
      })
      const url = await links.create({ userId: 'user_9', provider: 'google', email: 'a@b.c' })
      const token = tokenOf(url)
      const claims = links.verify(token) as PyasConnectLinkClaims
      const headers = { 'x-pyas-link': token }
      const oauth = proxyRequest('/google/oauth?email=a%40b.c&state=pyas_1', { headers })
      await expectJson(await pyas(oauth), 200)
      await expectJson(await pyas(connectRequest('google', undefined, headers)), 200)
      expect(authorize).not.toHaveBeenCalled()
      expect(onConnected).toHaveBeenCalledTimes(1)
      const context = onConnected.mock.calls[0]?.[1]
      expect(context?.userId).toBe('user_9')
      expect(context?.link).toEqual(claims)
      expect(consume).toHaveBeenCalledTimes(1)
      expect(consume).toHaveBeenCalledWith(claims.jti, claims.exp)
      // The token never travels upstream.
      expect(calls).toHaveLength(2)
      for (const call of calls) {
        expect(JSON.stringify(call)).not.toContain(token)
        expect(JSON.stringify(call)).not.toContain(token.split('.')[1])
      }

      // Used twice: refused, and nobody hears of the second account.
      const again = await pyas(connectRequest('google', undefined, headers))
      expect(await expectJson(again, 403)).toEqual({ error: 'link_invalid' })
      expect(onConnected).toHaveBeenCalledTimes(1)
      expect(consume).toHaveBeenCalledTimes(2)
    })

    it.each([
      ['a tampered signature', (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
      [
        'tampered claims',
        (t: string) => {
          const [payload = '', signature] = t.split('.')
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
          return `${b64(JSON.stringify({ ...claims, userId: 'someone_else' }))}.${signature}`
        },
      ],
      ['another secret', () => signToken(claimsFor(60), `${SECRET}_other`)],
      ['an expired link', () => signToken(claimsFor(-1))],
      ['garbage', () => 'not-a-token'],
      ['an empty header', () => ''],
    ])('should answer 403 link_invalid for %s, on every route', async (_, forge) => {
      const { links, consume } = spiedLinks()
      const onConnected = vi.fn()
      const authorizeAccount = vi.fn(() => true)
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch,
        authorize: () => true,
        authorizeAccount,
        onConnected,
        connectLinks: links,
      })
      const headers = { 'x-pyas-link': forge(tokenOf(await links.create({ userId: 'user_9' }))) }
      const requests = [
        proxyRequest('/google/oauth?email=a%40b.c', { headers }),
        connectRequest('google', undefined, headers),
        proxyRequest('/google/calendars?accountId=acc_1', { headers }),
      ]
      for (const request of requests) {
        expect(await expectJson(await pyas(request), 403)).toEqual({ error: 'link_invalid' })
      }
      expect(calls).toHaveLength(0)
      expect(onConnected).not.toHaveBeenCalled()
      expect(authorizeAccount).not.toHaveBeenCalled()
      expect(consume).not.toHaveBeenCalled()
    })

    it('should accept a forged-format token signed with the secret (the format is the contract)', async () => {
      const { links } = spiedLinks()
      const onConnected = vi.fn()
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream().fetch,
        onConnected,
        connectLinks: links,
      })
      const headers = { 'x-pyas-link': signToken(claimsFor(60)) }
      await expectJson(await pyas(connectRequest('zoom', undefined, headers)), 200)
      expect(onConnected.mock.calls[0]?.[1]).toMatchObject({ userId: 'user_forged' })
    })

    it('should answer 403 link_invalid for a link of another provider', async () => {
      const { links } = spiedLinks()
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch, connectLinks: links })
      const token = tokenOf(await links.create({ userId: 'user_9', provider: 'google' }))
      const headers = { 'x-pyas-link': token }
      for (const request of [
        proxyRequest('/microsoft/oauth?email=a%40b.c', { headers }),
        connectRequest('zoom', undefined, headers),
      ]) {
        expect(await expectJson(await pyas(request), 403)).toEqual({ error: 'link_invalid' })
      }
      expect(calls).toHaveLength(0)
    })

    it('should not spend the link when the connect fails, so it can be tried again', async () => {
      const { links, consume } = spiedLinks()
      const onConnected = vi.fn()
      let answer = () =>
        Response.json({ success: false, error: 'invalid_grant', code: 400 }, { status: 400 })
      const { fetch } = fakeUpstream(() => answer())
      const pyas = harness.proxy({ apiKey: API_KEY, fetch, onConnected, connectLinks: links })
      const headers = { 'x-pyas-link': tokenOf(await links.create({ userId: 'user_9' })) }
      await expectJson(await pyas(connectRequest('google', undefined, headers)), 400)
      // An account of another provider is a 502 and spends nothing either.
      answer = () =>
        Response.json({ success: true, data: { account: { accountId: 'a', provider: 'zoom' } } })
      await expectJson(await pyas(connectRequest('google', undefined, headers)), 502)
      expect(consume).not.toHaveBeenCalled()
      expect(onConnected).not.toHaveBeenCalled()
      answer = () =>
        Response.json({ success: true, data: { account: { accountId: 'a', provider: 'google' } } })
      await expectJson(await pyas(connectRequest('google', undefined, headers)), 200)
      expect(consume).toHaveBeenCalledTimes(1)
      expect(onConnected).toHaveBeenCalledTimes(1)
    })

    it('should spend a link once across instances that share `consume`', async () => {
      const spent = new Set<string>()
      const consume = async (jti: string) => !spent.has(jti) && Boolean(spent.add(jti))
      const onConnected = vi.fn()
      const instances = [0, 1].map(() =>
        createPyasProxy({
          apiKey: API_KEY,
          fetch: fakeUpstream().fetch,
          onConnected,
          connectLinks: createConnectLinks({ secret: SECRET, url: LANDING, consume }),
        }),
      )
      const links = createConnectLinks({ secret: SECRET, url: LANDING })
      const headers = { 'x-pyas-link': tokenOf(await links.create({ userId: 'user_9' })) }
      const answers = await Promise.all(
        instances.map((pyas) => pyas(connectRequest('google', undefined, headers))),
      )
      expect(answers.map((response) => response.status).sort()).toEqual([200, 403])
      expect(onConnected).toHaveBeenCalledTimes(1)
    })

    it('should give `authorizeAccount` the link user on a calendars call', async () => {
      const { links } = spiedLinks()
      const authorizeAccount = vi.fn((_context: PyasAuthorizeAccountContext) => true)
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream(() => Response.json({ success: true, data: { calendars: [] } })).fetch,
        authorize: () => false,
        authorizeAccount,
        connectLinks: links,
      })
      const headers = { 'x-pyas-link': tokenOf(await links.create({ userId: 'user_9' })) }
      await expectJson(await pyas(proxyRequest('/google/calendars?accountId=a1', { headers })), 200)
      expect(authorizeAccount.mock.calls[0]?.[0]).toMatchObject({
        userId: 'user_9',
        accountId: 'a1',
      })
    })

    it('should ignore the header when the proxy has no `connectLinks` (authorize decides)', async () => {
      const authorize = vi.fn(() => false)
      const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch, authorize })
      const headers = { 'x-pyas-link': signToken(claimsFor(60)) }
      expect(
        await expectJson(await pyas(connectRequest('google', undefined, headers)), 403),
      ).toEqual({ error: 'forbidden' })
      expect(authorize).toHaveBeenCalledTimes(1)
    })

    it('should log neither the token nor the link secret', async () => {
      const logger = { error: vi.fn(), warn: vi.fn() }
      const { links } = spiedLinks()
      const token = tokenOf(await links.create({ userId: 'user_9' }))
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream().fetch,
        logger,
        connectLinks: links,
        onConnected: (_account, { request }) => {
          throw new Error(
            `save failed: ${request.headers.get('x-pyas-link')} ${SECRET} ${LANDING}?pyas_link=${token}`,
            { cause: { token, nested: [token] } },
          )
        },
      })
      const response = await pyas(connectRequest('google', undefined, { 'x-pyas-link': token }))
      expect(await expectJson(response, 500)).toEqual({ error: 'internal_error' })
      expect(logger.error).toHaveBeenCalledTimes(1)
      const [message, error] = logger.error.mock.calls[0] as [string, Error]
      const logged = [message, error.message, error.stack, JSON.stringify(error.cause)].join('\n')
      expect(logged).toContain('save failed: [redacted] [redacted] https://app.example/connect')
      expect(logged).not.toContain(token)
      expect(logged).not.toContain(token.split('.')[1])
      expect(logged).not.toContain(SECRET)
    })
  })
})

function claimsFor(secondsLeft: number): Record<string, unknown> {
  return {
    v: 1,
    jti: b64(`jti-${secondsLeft}-${Math.random()}`),
    userId: 'user_forged',
    exp: Math.floor(Date.now() / 1000) + secondsLeft,
  }
}

describe('createPyasProxy `connectLinks` option', () => {
  it('should throw a TypeError for anything but a createConnectLinks result', () => {
    const lookalike = { create: async () => '', verify: () => null, consume: async () => true }
    for (const value of [lookalike, 'secret', {}, null]) {
      expect(() => createPyasProxy({ apiKey: API_KEY, connectLinks: value as never })).toThrow(
        TypeError,
      )
    }
    expect(() =>
      createPyasProxy({
        apiKey: API_KEY,
        connectLinks: createConnectLinks({ secret: SECRET, url: LANDING }),
      }),
    ).not.toThrow()
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { REQUIRED_SCOPES } from '../../src/core/providers.js'
import { createFakePyas } from '../../src/testing/index.js'
import { API_KEY, BASE_URL, get, post } from './helpers.js'

const REDIRECT = 'https://app.example/callback'

function createFake() {
  return createFakePyas({ redirectUrl: REDIRECT, apiKey: API_KEY, appName: 'Acme' })
}

describe('createFakePyas', () => {
  it('should answer GET /google/oauth with a consent URL carrying everything but the key', async () => {
    const fake = createFake()
    const response = await get(fake, '/google/oauth?email=jane%40example.com&state=pyas_abc')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await response.json()) as { success: boolean; url: string }
    expect(body.success).toBe(true)
    const url = new URL(body.url)
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/consent`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      provider: 'google',
      email: 'jane@example.com',
      state: 'pyas_abc',
      client: 'Acme',
    })
    expect(body.url).not.toContain(API_KEY)
  })

  it('should answer GET /microsoft/oauth and GET /zoom/oauth without an email for zoom', async () => {
    const fake = createFake()
    expect((await get(fake, '/microsoft/oauth?email=a@b.co')).status).toBe(200)
    const zoom = await get(fake, '/zoom/oauth?state=pyas_z')
    expect(zoom.status).toBe(200)
    const { url } = (await zoom.json()) as { url: string }
    expect(new URL(url).searchParams.get('email')).toBe('zoom.user@example.com')
  })

  it('should answer 401 with Pyas body when the key is missing, empty or wrong', async () => {
    const fake = createFake()
    for (const key of [null, '', 'wrong-key']) {
      const response = await get(fake, '/google/oauth?email=a@b.co', key)
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: 'Unauthorized. Invalid API key.' })
      const connect = await post(fake, '/google/connect', { code: 'x', name: 'y' }, key)
      expect(connect.status).toBe(401)
    }
  })

  it('should accept any non-empty key but still refuse a missing one when apiKey is not set', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    expect((await get(fake, '/zoom/oauth', 'anything')).status).toBe(200)
    expect((await get(fake, '/zoom/oauth', fake.apiKey)).status).toBe(200)
    expect((await get(fake, '/zoom/oauth', null)).status).toBe(401)
  })

  it('should check the key before validating', async () => {
    const response = await get(createFake(), '/google/oauth', null)
    expect(response.status).toBe(401)
  })

  it('should answer 400 with both documented errors when the email is missing', async () => {
    const fake = createFake()
    for (const path of ['/google/oauth', '/microsoft/oauth?email=']) {
      const response = await get(fake, path)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({
        errors: [
          { msg: 'Invalid value', param: 'email', location: 'query' },
          { msg: 'a valid email is required.', param: 'email', location: 'query' },
        ],
      })
    }
  })

  it('should answer 400 with the value when the email is invalid', async () => {
    const response = await get(createFake(), '/google/oauth?email=bademail')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      errors: [
        { value: 'bademail', msg: 'a valid email is required.', param: 'email', location: 'query' },
      ],
    })
  })

  it('should connect an account from a code with realistic scopes per provider', async () => {
    const fake = createFake()
    const cases = [
      ['google', 'https://www.googleapis.com/auth/calendar.freebusy'],
      ['microsoft', 'offline_access'],
      ['zoom', 'user:read'],
    ] as const
    for (const [provider, extraScope] of cases) {
      const code = fake.issueCode(provider, { email: `${provider}@example.com` })
      const response = await post(fake, `/${provider}/connect`, { code, name: 'Jane Doe' })
      expect(response.status).toBe(200)
      const { success, data } = await response.json()
      expect(success).toBe(true)
      expect(data.account).toEqual({
        accountId: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[0-9a-z]{6}$/,
        ),
        email: `${provider}@example.com`,
        name: 'Jane Doe',
        provider,
        status: 'active',
        scopes: expect.arrayContaining([...REQUIRED_SCOPES[provider], extraScope]),
      })
    }
    expect(fake.accounts().map((account) => account.provider)).toEqual([
      'google',
      'microsoft',
      'zoom',
    ])
  })

  it('should grant google the scopes of the seed doc', async () => {
    const fake = createFake()
    const code = fake.issueCode('google')
    const { data } = await (await post(fake, '/google/connect', { code, name: 'J' })).json()
    expect(data.account.scopes).toHaveLength(8)
    expect(data.account.scopes[0]).toBe('https://www.googleapis.com/auth/userinfo.email')
    expect(data.account.email).toBe('test.user@example.com')
  })

  it('should keep the accountId when the same account connects again', async () => {
    const fake = createFake()
    const connect = async () => {
      const code = fake.issueCode('zoom')
      return (await (await post(fake, '/zoom/connect', { code, name: 'Z' })).json()).data.account
    }
    const first = await connect()
    const second = await connect()
    expect(second.accountId).toBe(first.accountId)
    expect(fake.accounts()).toHaveLength(1)
  })

  it('should answer 400 with both documented errors for each missing field of connect', async () => {
    const response = await post(createFake(), '/google/connect', {})
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      errors: [
        { msg: 'a code is required.', param: 'code', location: 'body' },
        { msg: 'code must be a string.', param: 'code', location: 'body' },
        { msg: 'a name is required.', param: 'name', location: 'body' },
        { msg: 'name must be a string.', param: 'name', location: 'body' },
      ],
    })
  })

  it('should answer 400 for a non-string code and an empty name', async () => {
    const response = await post(createFake(), '/zoom/connect', { code: 42, name: '' })
    expect(await response.json()).toEqual({
      errors: [
        { value: 42, msg: 'code must be a string.', param: 'code', location: 'body' },
        { value: '', msg: 'a name is required.', param: 'name', location: 'body' },
      ],
    })
  })

  it('should treat a body that is not JSON as missing fields', async () => {
    const fake = createFake()
    const response = await fake.handle(
      new Request(`${BASE_URL}/google/connect`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY },
        body: 'code=abc',
      }),
    )
    expect(response.status).toBe(400)
    expect((await response.json()).errors).toHaveLength(4)
  })

  it('should accept a code once only', async () => {
    const fake = createFake()
    const code = fake.issueCode('google', { email: 'jane@example.com' })
    expect((await post(fake, '/google/connect', { code, name: 'J' })).status).toBe(200)
    const reused = await post(fake, '/google/connect', { code, name: 'J' })
    expect(reused.status).toBe(400)
    expect(await reused.json()).toEqual({ success: false, error: 'invalid_grant', code: 400 })
  })

  it('should refuse an unknown code with invalid_grant', async () => {
    const response = await post(createFake(), '/google/connect', { code: 'made-up', name: 'J' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ success: false, error: 'invalid_grant', code: 400 })
  })

  it('should bind a code to its provider without burning it elsewhere', async () => {
    const fake = createFake()
    const code = fake.issueCode('microsoft', { email: 'jane@example.com' })
    const elsewhere = await post(fake, '/google/connect', { code, name: 'J' })
    expect(await elsewhere.json()).toEqual({ success: false, error: 'invalid_grant', code: 400 })
    expect((await post(fake, '/microsoft/connect', { code, name: 'J' })).status).toBe(200)
  })

  it('should answer 404 in Pyas shape for unknown routes, providers and methods', async () => {
    const fake = createFake()
    const responses = [
      await get(fake, '/calendars'),
      await get(fake, '/outlook/oauth?email=a@b.co'),
      await post(fake, '/google/oauth', {}),
      await get(fake, '/google/connect'),
    ]
    for (const response of responses) {
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ success: false, error: 'Not found', code: 404 })
    }
  })

  it('should work mounted under any path prefix', async () => {
    const fake = createFake()
    const origin = 'http://127.0.0.1:5173/fake-pyas'
    const headers = { 'x-api-key': API_KEY }
    const oauth = await fake.handle(
      new Request(`${origin}/google/oauth?email=jane@example.com&state=pyas_p`, { headers }),
    )
    const { url } = (await oauth.json()) as { url: string }
    expect(url.startsWith(`${origin}/consent?`)).toBe(true)
    const code = new URL(await fake.decide(url)).searchParams.get('code')
    const connect = await fake.handle(
      new Request(`${origin}/google/connect/`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code, name: 'Jane' }),
      }),
    )
    expect(connect.status).toBe(200)
  })

  it('should be usable as a fetch: string, URL or Request input, detached from the object', async () => {
    const { fetch } = createFake()
    const asGlobal: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> = fetch
    const init = { headers: { 'x-api-key': API_KEY } }
    expect((await asGlobal(`${BASE_URL}/zoom/oauth`, init)).status).toBe(200)
    expect((await fetch(new URL(`${BASE_URL}/zoom/oauth`), init)).status).toBe(200)
    expect((await fetch(new Request(`${BASE_URL}/zoom/oauth`, init))).status).toBe(200)
    await expect(fetch('/relative')).rejects.toThrow(TypeError)
  })

  it('should throw clear errors for bad options', () => {
    // @ts-expect-error redirectUrl is required
    expect(() => createFakePyas({})).toThrow(/`redirectUrl` is required/)
    expect(() => createFakePyas({ redirectUrl: REDIRECT, apiKey: '' })).toThrow(/`apiKey`/)
    expect(() => createFakePyas({ redirectUrl: REDIRECT, latencyMs: -1 })).toThrow(/`latencyMs`/)
  })
})

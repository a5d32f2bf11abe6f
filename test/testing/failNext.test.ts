// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakePyas } from '../../src/testing/index.js'
import { API_KEY, get, post } from './helpers.js'

function createFake(latencyMs = 0) {
  return createFakePyas({ redirectUrl: 'https://app.example/', apiKey: API_KEY, latencyMs })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createFakePyas', () => {
  it('should fail the next call with 500 once', async () => {
    const fake = createFake()
    fake.failNext('server_error')
    const failed = await get(fake, '/zoom/oauth')
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({
      success: false,
      error: 'Internal server error',
      code: 500,
    })
    expect((await get(fake, '/zoom/oauth')).status).toBe(200)
  })

  it('should rate limit with Retry-After and X-RateLimit headers', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') })
    const fake = createFake()
    fake.failNext('rate_limited')
    fake.failNext('rate_limited', { retryAfter: 5 })
    const first = await get(fake, '/zoom/oauth')
    expect(first.status).toBe(429)
    expect(await first.json()).toEqual({
      message: expect.any(String),
      code: 429,
      error: 'Rate limit exceeded',
    })
    expect(first.headers.get('retry-after')).toBe('30')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2030, 0, 1) / 1000 + 30))
    expect((await get(fake, '/zoom/oauth')).headers.get('retry-after')).toBe('5')
  })

  it('should inject invalid_grant and 401 even for a valid call, leaving the code usable', async () => {
    const fake = createFake()
    const code = fake.issueCode('google')
    fake.failNext('invalid_grant')
    fake.failNext('unauthorized')
    const grant = await post(fake, '/google/connect', { code, name: 'J' })
    expect(await grant.json()).toEqual({ success: false, error: 'invalid_grant', code: 400 })
    const unauthorized = await post(fake, '/google/connect', { code, name: 'J' })
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toEqual({ error: 'Unauthorized. Invalid API key.' })
    expect((await post(fake, '/google/connect', { code, name: 'J' })).status).toBe(200)
  })

  it('should keep a failure meant for connect until a connect call comes', async () => {
    const fake = createFake()
    fake.failNext('server_error', { on: 'connect' })
    expect((await get(fake, '/zoom/oauth')).status).toBe(200)
    expect((await get(fake, '/nowhere')).status).toBe(404)
    expect((await post(fake, '/zoom/connect', { code: 'x', name: 'J' })).status).toBe(500)
  })

  it('should hang a slow call for 15 s by default, then answer normally', async () => {
    vi.useFakeTimers()
    const fake = createFake()
    fake.failNext('slow')
    let settled = false
    const pending = get(fake, '/zoom/oauth').finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(14_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })

  it('should abort a slow call through the request signal', async () => {
    const fake = createFake()
    fake.failNext('slow', { ms: 60_000 })
    const controller = new AbortController()
    const pending = fake.fetch('https://api.pyas.io/zoom/oauth', {
      headers: { 'x-api-key': API_KEY },
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('should delay API calls by latencyMs', async () => {
    vi.useFakeTimers()
    const fake = createFake(300)
    let settled = false
    const pending = get(fake, '/zoom/oauth').finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(299)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })
})

describe('fake.failNext input', () => {
  it('should take 500, 429 and 401 for their kinds', async () => {
    const fake = createFake()
    fake.failNext(500)
    fake.failNext(429, { retryAfter: 7 })
    fake.failNext(401)
    expect((await get(fake, '/zoom/oauth')).status).toBe(500)
    const limited = await get(fake, '/zoom/oauth')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect((await get(fake, '/zoom/oauth')).status).toBe(401)
    expect((await get(fake, '/zoom/oauth')).status).toBe(200)
  })

  it.each([
    ['an unknown kind', 'timeout', undefined, /unknown failure "timeout"; use 'server_error'/],
    ['an unknown status', 503, undefined, /unknown failure 503/],
    ['no kind', undefined, undefined, /unknown failure undefined/],
    ['a bad `on`', 'slow', { on: 'token' }, /`on` must be 'oauth', 'connect' or 'calendars'/],
    ['a negative retryAfter', 'rate_limited', { retryAfter: -1 }, /`retryAfter` must be a whole/],
    [
      'a fractional retryAfter',
      'rate_limited',
      { retryAfter: 1.5 },
      /`retryAfter` must be a whole/,
    ],
    ['a NaN ms', 'slow', { ms: Number.NaN }, /`ms` must be a number/],
    ['options that are not an object', 'slow', 'fast', /options must be an object/],
  ])('should throw a TypeError for %s and queue nothing', async (_, kind, options, message) => {
    const fake = createFake()
    // biome-ignore lint/suspicious/noExplicitAny: wrong on purpose, as plain JavaScript could call it
    const failNext = fake.failNext as (...args: any[]) => void
    expect(() => failNext(kind, options)).toThrow(TypeError)
    expect(() => failNext(kind, options)).toThrow(message)
    expect((await get(fake, '/zoom/oauth')).status).toBe(200)
  })
})

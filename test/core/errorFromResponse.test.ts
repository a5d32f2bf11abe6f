// @vitest-environment node
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { errorFromResponse, parseRetryAfter } from '../../src/core/errorFromResponse.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { ERROR_CODES, NOW, PROPERTY_SEED } from './fakes.js'

const none = new Headers()

/** The two-entry email error from the Pyas docs (Google's connect page). */
const SEED_EMAIL_ERROR = {
  errors: [
    { msg: 'Invalid value', param: 'email', location: 'query' },
    { msg: 'a valid email is required.', param: 'email', location: 'query' },
  ],
}

describe('errorFromResponse', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('should map 400 errors[] to invalid_request with the last message per field', () => {
    const error = errorFromResponse(400, none, SEED_EMAIL_ERROR)
    expect(error).toBeInstanceOf(PyasConnectError)
    expect(error.code).toBe('invalid_request')
    expect(error.status).toBe(400)
    expect(error.fieldErrors).toEqual({ email: 'a valid email is required.' })
    expect(error.message).toBe('A valid email is required.')
    expect(error.cause).toBe(SEED_EMAIL_ERROR)
  })

  it('should key fieldErrors by param for several fields and skip malformed entries', () => {
    const error = errorFromResponse(400, none, {
      errors: [
        { msg: 'Invalid value', param: 'code', location: 'body' },
        { msg: 'name is required.', param: 'name', location: 'body' },
        { msg: 'a code is required.', param: 'code', location: 'body' },
        { msg: 42, param: 'email' },
        { param: 'email' },
        'junk',
        null,
      ],
    })
    expect(error.code).toBe('invalid_request')
    expect(error.fieldErrors).toEqual({ code: 'a code is required.', name: 'name is required.' })
    expect(error.message).not.toBe('')
  })

  it('should keep the default message when errors[] has no usable entry', () => {
    const error = errorFromResponse(400, none, { errors: [] })
    expect(error.code).toBe('invalid_request')
    expect(error.fieldErrors).toEqual({})
    expect(error.message).toBe(new PyasConnectError('invalid_request').message)
  })

  it('should map 400 {error: "invalid_grant"} to invalid_grant', () => {
    const body = { success: false, error: 'invalid_grant', code: 400 }
    const error = errorFromResponse(400, none, body)
    expect(error.code).toBe('invalid_grant')
    expect(error.status).toBe(400)
    expect(error.cause).toBe(body)
  })

  it('should map any other JSON object 400 to invalid_request', () => {
    for (const body of [{}, { error: 'bad_request' }, { success: false }, { errors: 'oops' }]) {
      const error = errorFromResponse(400, none, body)
      expect(error.code).toBe('invalid_request')
      expect(error.status).toBe(400)
    }
  })

  it('should map a 400 with a JSON body that is not an object to invalid_request', () => {
    // Any other JSON 400 is invalid_request; only a non-JSON body is proxy_error.
    for (const body of [[], ['x'], 'Bad Request', 0, null]) {
      expect(errorFromResponse(400, none, body).code, JSON.stringify(body)).toBe('invalid_request')
    }
  })

  it('should map a 400 with a non-JSON body to proxy_error', () => {
    const error = errorFromResponse(400, none, undefined)
    expect(error.code).toBe('proxy_error')
    expect(error.status).toBe(400)
  })

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [429, 'rate_limited'],
  ] as const)('should map %i to %s by status, whatever the body', (status, code) => {
    for (const body of [
      undefined,
      { error: 'Unauthorized. Invalid API key.' },
      { error: 'invalid_grant' },
      { errors: [{ msg: 'x', param: 'email' }] },
      'text',
      null,
    ]) {
      const error = errorFromResponse(status, none, body)
      expect(error.code).toBe(code)
      expect(error.status).toBe(status)
      expect(error.fieldErrors).toBeUndefined()
    }
  })

  it('should map a 403 whose JSON error is link_invalid to link_invalid, and only that 403', () => {
    const error = errorFromResponse(403, none, { error: 'link_invalid' })
    expect(error.code).toBe('link_invalid')
    expect(error.status).toBe(403)
    expect(error.message).toBe(
      'This connect link has expired or was already used. Ask for a new one.',
    )
    for (const body of [
      { error: 'forbidden' },
      { error: ['link_invalid'] },
      'link_invalid',
      undefined,
    ]) {
      expect(errorFromResponse(403, none, body).code).toBe('forbidden')
    }
    expect(errorFromResponse(401, none, { error: 'link_invalid' }).code).toBe('unauthorized')
  })

  it('should read retryAfter from Retry-After seconds on 429', () => {
    const error = errorFromResponse(429, new Headers({ 'Retry-After': '42' }), {
      message: 'Too many',
      code: 429,
      error: 'Rate limit exceeded',
    })
    expect(error.code).toBe('rate_limited')
    expect(error.retryAfter).toBe(42)
  })

  it('should read retryAfter from a Retry-After HTTP date on 429', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    const date = new Date(NOW + 90_000).toUTCString()
    const error = errorFromResponse(429, new Headers({ 'retry-after': date }), undefined)
    expect(error.retryAfter).toBe(90)
  })

  it('should leave retryAfter undefined without a usable Retry-After', () => {
    expect(errorFromResponse(429, none, undefined).retryAfter).toBeUndefined()
    const garbage = new Headers({ 'retry-after': 'soon' })
    expect(errorFromResponse(429, garbage, undefined).retryAfter).toBeUndefined()
  })

  it('should not set retryAfter on other statuses', () => {
    const headers = new Headers({ 'retry-after': '10' })
    expect(errorFromResponse(503, headers, undefined).retryAfter).toBeUndefined()
  })

  it.each([404, 405, 409, 413, 415, 422, 500, 502, 503, 504, 200, 301])(
    'should map %i to proxy_error with the status',
    (status) => {
      const body = { success: false, error: 'not_found', code: status }
      const error = errorFromResponse(status, none, body)
      expect(error.code).toBe('proxy_error')
      expect(error.status).toBe(status)
      expect(error.cause).toBe(body)
      expect(error.message).not.toBe('')
    },
  )

  it('should never throw and always give a documented code (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(fc.jsonValue(), fc.constant(undefined)),
        fc.option(
          fc.oneof(
            fc.string(),
            fc.nat().map(String),
            fc.date().map((d) => d.toString()),
          ),
        ),
        (status, body, retryAfter) => {
          const headers = {
            get: (name: string) => (name.toLowerCase() === 'retry-after' ? retryAfter : null),
          }
          const error = errorFromResponse(status, headers, body)
          expect(error).toBeInstanceOf(PyasConnectError)
          expect(ERROR_CODES).toContain(error.code)
          expect(error.status).toBe(status)
          expect(error.message).toBeTypeOf('string')
          expect(error.message.length).toBeGreaterThan(0)
          if (error.retryAfter !== undefined) {
            expect(error.code).toBe('rate_limited')
            expect(error.retryAfter).toBeGreaterThanOrEqual(0)
          }
        },
      ),
      { numRuns: 500, seed: PROPERTY_SEED },
    )
  })
})

describe('parseRetryAfter', () => {
  it('should read delta-seconds, trimmed', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('120', NOW)).toBe(120)
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7)
  })

  it('should read an HTTP date as whole seconds from now, never negative', () => {
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30)
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW + 500)).toBe(30)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0)
  })

  it('should give undefined for nothing or nonsense', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined()
    expect(parseRetryAfter('', NOW)).toBeUndefined()
    expect(parseRetryAfter('later', NOW)).toBeUndefined()
  })
})

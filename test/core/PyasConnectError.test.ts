// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { PyasConnectError, toPyasConnectError } from '../../src/core/PyasConnectError.js'
import { ERROR_CODES } from './fakes.js'

describe('PyasConnectError', () => {
  it('should be an Error named PyasConnectError with a code', () => {
    const error = new PyasConnectError('network')
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(PyasConnectError)
    expect(error.name).toBe('PyasConnectError')
    expect(error.code).toBe('network')
    expect(String(error)).toMatch(/^PyasConnectError: /)
    expect(error.stack).toBeTypeOf('string')
  })

  it.each(ERROR_CODES)('should have a short, non-empty default message for %s', (code) => {
    const { message } = new PyasConnectError(code)
    expect(message.trim().length).toBeGreaterThan(10)
    expect(message.length).toBeLessThan(120)
    expect(message).not.toContain(code)
  })

  it('should give every code its own message', () => {
    const messages = new Set(ERROR_CODES.map((code) => new PyasConnectError(code).message))
    expect(messages.size).toBe(ERROR_CODES.length)
  })

  it('should keep the given message, status, fieldErrors, retryAfter and cause', () => {
    const cause = new TypeError('Failed to fetch')
    const error = new PyasConnectError('rate_limited', {
      message: 'Slow down.',
      status: 429,
      fieldErrors: { email: 'bad' },
      retryAfter: 0,
      cause,
    })
    expect(error.message).toBe('Slow down.')
    expect(error.status).toBe(429)
    expect(error.fieldErrors).toEqual({ email: 'bad' })
    expect(error.retryAfter).toBe(0)
    expect(error.cause).toBe(cause)
  })

  it('should leave optional details undefined when not given', () => {
    const error = new PyasConnectError('proxy_error')
    expect(error.status).toBeUndefined()
    expect(error.fieldErrors).toBeUndefined()
    expect(error.retryAfter).toBeUndefined()
    expect(error.cause).toBeUndefined()
  })
})

describe('toPyasConnectError', () => {
  it('should return a PyasConnectError unchanged', () => {
    const error = new PyasConnectError('forbidden', { status: 403 })
    expect(toPyasConnectError(error)).toBe(error)
    expect(toPyasConnectError(error, 'network')).toBe(error)
  })

  it('should wrap anything else as proxy_error, keeping it as cause', () => {
    for (const thrown of [new Error('boom'), 'text', 42, null, undefined, { any: 'thing' }]) {
      const error = toPyasConnectError(thrown)
      expect(error).toBeInstanceOf(PyasConnectError)
      expect(error.code).toBe('proxy_error')
      expect(error.cause).toBe(thrown)
      expect(error.message).not.toBe('')
    }
  })

  it('should use the given fallback code', () => {
    const cause = new TypeError('Failed to fetch')
    const error = toPyasConnectError(cause, 'network')
    expect(error.code).toBe('network')
    expect(error.cause).toBe(cause)
  })
})

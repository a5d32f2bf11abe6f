// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { needsEmail, type ProviderId } from '../../src/core/providers.js'
import {
  type ConnectInput,
  connectFieldErrors,
  invalidRequest,
} from '../../src/core/validateConnect.js'

/** The error a connect with `input` fails with (the test fails when it would start). */
function thrown(input: ConnectInput): PyasConnectError {
  const fieldErrors = connectFieldErrors(input)
  if (!fieldErrors) throw new Error('expected field errors')
  const error = invalidRequest(fieldErrors)
  expect(error).toBeInstanceOf(PyasConnectError)
  return error
}

/** Whether a connect with `input` would start. */
const assertConnectInput = (input: ConnectInput) => {
  if (connectFieldErrors(input)) throw invalidRequest(connectFieldErrors(input)!)
}

const EMAIL_PROVIDERS: ProviderId[] = ['google', 'microsoft']

describe('needsEmail', () => {
  it('should require an email for google and microsoft but not zoom', () => {
    expect(needsEmail('google')).toBe(true)
    expect(needsEmail('microsoft')).toBe(true)
    expect(needsEmail('zoom')).toBe(false)
  })
})

describe('connectFieldErrors', () => {
  it.each(EMAIL_PROVIDERS)('should accept a name and a valid email for %s', (provider) => {
    expect(() =>
      assertConnectInput({ provider, name: 'Ada', email: 'ada@example.com' }),
    ).not.toThrow()
    expect(connectFieldErrors({ provider, name: 'Ada', email: ' ada@example.co.uk ' })).toBeNull()
  })

  it.each(EMAIL_PROVIDERS)('should refuse a missing name for %s', (provider) => {
    for (const name of [undefined, '', '   ']) {
      const error = thrown({ provider, name, email: 'ada@example.com' })
      expect(error.code).toBe('invalid_request')
      expect(Object.keys(error.fieldErrors!)).toEqual(['name'])
      expect(error.fieldErrors!.name).toMatch(/name/i)
      expect(error.message).toBe(error.fieldErrors!.name)
    }
  })

  it.each(EMAIL_PROVIDERS)('should refuse a missing email for %s', (provider) => {
    for (const email of [undefined, '', '  ']) {
      const error = thrown({ provider, name: 'Ada', email })
      expect(error.code).toBe('invalid_request')
      expect(Object.keys(error.fieldErrors!)).toEqual(['email'])
      expect(error.fieldErrors!.email).toMatch(/email/i)
    }
  })

  it.each(EMAIL_PROVIDERS)('should refuse an invalid email for %s', (provider) => {
    for (const email of [
      'bademail',
      'ada@',
      '@example.com',
      'ada@example',
      'a da@example.com',
      'a@b@c.de',
    ]) {
      const error = thrown({ provider, name: 'Ada', email })
      expect(error.code, email).toBe('invalid_request')
      expect(error.fieldErrors!.email, email).toMatch(/valid email/i)
    }
  })

  it('should report every bad field at once', () => {
    const error = thrown({ provider: 'google' })
    expect(error.fieldErrors).toEqual({
      name: expect.any(String),
      email: expect.any(String),
    })
    expect(error.message).toBe(error.fieldErrors!.name)
  })

  it('should need no email for zoom, even an invalid one', () => {
    expect(() => assertConnectInput({ provider: 'zoom', name: 'Ada' })).not.toThrow()
    expect(connectFieldErrors({ provider: 'zoom', name: 'Ada', email: 'bademail' })).toBeNull()
  })

  it('should still need a name for zoom', () => {
    const error = thrown({ provider: 'zoom', name: '' })
    expect(error.fieldErrors).toEqual({ name: expect.any(String) })
  })

  it('should refuse an unknown provider', () => {
    const fieldErrors = connectFieldErrors({
      provider: 'yahoo' as ProviderId,
      name: 'Ada',
      email: 'ada@example.com',
    })
    expect(fieldErrors).toEqual({ provider: expect.stringMatching(/google, microsoft or zoom/) })
  })

  it('should never throw from connectFieldErrors, whatever the input', () => {
    for (const input of [
      { provider: 'google', name: 42, email: {} },
      { provider: undefined, name: null, email: null },
    ]) {
      expect(() => connectFieldErrors(input as unknown as ConnectInput)).not.toThrow()
    }
  })
})

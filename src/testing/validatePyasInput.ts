import type { ProviderId } from '../core/providers.js'
import type { PyasValidationError } from '../core/types.js'

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** Whether Pyas would take `value` as an email (the rule its OAuth endpoints apply). */
export function isValidEmail(value: string): boolean {
  return EMAIL.test(value)
}

/** Pyas's validation of `GET /{provider}/oauth`: google and microsoft need a valid `email`. */
export function validateOAuthQuery(
  provider: ProviderId,
  query: URLSearchParams,
): PyasValidationError[] {
  if (provider === 'zoom') return []
  const email = query.get('email')
  if (email === null || email === '') {
    return [
      { msg: 'Invalid value', param: 'email', location: 'query' },
      { msg: 'a valid email is required.', param: 'email', location: 'query' },
    ]
  }
  if (!EMAIL.test(email)) {
    return [{ value: email, msg: 'a valid email is required.', param: 'email', location: 'query' }]
  }
  return []
}

function validateBodyString(body: Record<string, unknown>, param: string): PyasValidationError[] {
  const value = body[param]
  const required = `a ${param} is required.`
  const typed = `${param} must be a string.`
  if (value === undefined || value === null) {
    return [
      { msg: required, param, location: 'body' },
      { msg: typed, param, location: 'body' },
    ]
  }
  if (typeof value !== 'string') return [{ value, msg: typed, param, location: 'body' }]
  if (value.trim() === '') return [{ value, msg: required, param, location: 'body' }]
  return []
}

/** Pyas's validation of `POST /{provider}/connect`: `code` and `name` must be non-empty strings. */
export function validateConnectBody(body: unknown): PyasValidationError[] {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  return [...validateBodyString(fields, 'code'), ...validateBodyString(fields, 'name')]
}

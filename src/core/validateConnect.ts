import { PyasConnectError } from './PyasConnectError.js'
import { PROVIDERS, type PyasProvider } from './types.js'

/** What `connect()` needs to start an attempt. */
export interface ConnectInput {
  provider: PyasProvider
  name?: string
  email?: string
}

// Deliberately simple: one @, no spaces, a dot in the domain. Pyas does the strict check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const needsEmail = (provider: PyasProvider): boolean => provider !== 'zoom'

/** Field errors for `input`, or `null` when it can start a connect. Never throws. */
export function connectFieldErrors(input: ConnectInput): Record<string, string> | null {
  const fieldErrors: Record<string, string> = {}
  if (!PROVIDERS.includes(input.provider)) {
    fieldErrors.provider = 'Choose google, microsoft or zoom.'
  }
  if (typeof input.name !== 'string' || !input.name.trim()) {
    fieldErrors.name = 'Enter your name.'
  }
  if (needsEmail(input.provider)) {
    if (typeof input.email !== 'string' || !input.email.trim()) {
      fieldErrors.email = 'Enter your email address.'
    } else if (!EMAIL.test(input.email.trim())) {
      fieldErrors.email = 'Enter a valid email address.'
    }
  }
  return Object.keys(fieldErrors).length ? fieldErrors : null
}

/** Throws `invalid_request` with `fieldErrors` when `input` cannot start a connect. */
export function assertConnectInput(input: ConnectInput): void {
  const fieldErrors = connectFieldErrors(input)
  if (!fieldErrors) return
  // The first field's message says what to fix; the rest are in `fieldErrors`.
  throw new PyasConnectError('invalid_request', {
    fieldErrors,
    message: Object.values(fieldErrors)[0],
  })
}

import type { ConnectMessages } from './localizeError.js'
import { enConnect } from './messages.js'
import { PyasConnectError } from './PyasConnectError.js'
import { isProviderId, needsEmail, type ProviderId } from './providers.js'

/** What `connect()` needs to start an attempt. */
export interface ConnectInput {
  provider: ProviderId
  name?: string
  email?: string
  /** Checked only when given: `auto`, `redirect` or `popup`. */
  mode?: unknown
  /** Checked only when given: `select_account` or `consent`. */
  prompt?: unknown
}

// Deliberately simple: one @, no spaces, a dot in the domain. Pyas does the strict check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const MODES: readonly unknown[] = ['auto', 'redirect', 'popup']
const PROMPTS: readonly unknown[] = ['select_account', 'consent']

/** Field errors for `input`, or `null` when it can start a connect. Never throws. */
export function connectFieldErrors(
  input: ConnectInput,
  messages: ConnectMessages = enConnect,
): Record<string, string> | null {
  const fieldErrors: Record<string, string> = {}
  if (!isProviderId(input.provider)) {
    fieldErrors.provider = messages['field.provider.invalid']
  }
  // Misuse by the app, not the user: said in English, in terms of the option.
  if (input.mode !== undefined && !MODES.includes(input.mode)) {
    fieldErrors.mode = "`mode` must be 'auto', 'redirect' or 'popup'."
  }
  if (input.prompt !== undefined && !PROMPTS.includes(input.prompt)) {
    fieldErrors.prompt = "`prompt` must be 'select_account' or 'consent'."
  }
  if (typeof input.name !== 'string' || !input.name.trim()) {
    fieldErrors.name = messages['field.name.required']
  }
  if (isProviderId(input.provider) && needsEmail(input.provider)) {
    if (typeof input.email !== 'string' || !input.email.trim()) {
      fieldErrors.email = messages['field.email.required']
    } else if (!EMAIL.test(input.email.trim())) {
      fieldErrors.email = messages['field.email.invalid']
    }
  }
  return Object.keys(fieldErrors).length ? fieldErrors : null
}

/** The `invalid_request` error for `fieldErrors`: its message says what to fix first. */
export const invalidRequest = (fieldErrors: Record<string, string>): PyasConnectError =>
  new PyasConnectError('invalid_request', { fieldErrors, message: Object.values(fieldErrors)[0] })

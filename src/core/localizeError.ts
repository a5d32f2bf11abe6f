import { type enConnect, formatMessage } from './messages.js'
import { isOtherTabError, type PyasConnectError } from './PyasConnectError.js'

/** The texts the connect flow shows: the English part of the table, or the app's over it. */
export type ConnectMessages = typeof enConnect

/** Fields whose server-side validation message has a text of its own in the table. */
const FIELD_KEYS = { email: 'field.email.invalid', name: 'field.name.required' } as const

/**
 * Gives `error` (and the field errors of a server-side validation) the texts of `messages`, so
 * `error.message` is safe to show as it is, in the app's language. `code` stays what to branch on.
 * Returns the same error.
 */
export function localizeError(
  error: PyasConnectError,
  messages: ConnectMessages,
): PyasConnectError {
  const { code, retryAfter, providerError, description, status } = error
  let fieldErrors = error.fieldErrors
  if (fieldErrors && status !== undefined) {
    // Pyas answers in English: its messages for the fields we know are replaced by ours.
    fieldErrors = { ...fieldErrors }
    for (const [field, key] of Object.entries(FIELD_KEYS)) {
      if (fieldErrors[field] !== undefined) fieldErrors[field] = messages[key]
    }
    Object.assign(error, { fieldErrors })
  }
  let message = messages[`error.${code}`]
  if (code === 'invalid_request' && fieldErrors) {
    message = Object.values(fieldErrors)[0] || message
  } else if (code === 'rate_limited' && retryAfter !== undefined && retryAfter >= 2) {
    message = formatMessage(messages['error.rate_limited.retry'], { seconds: retryAfter })
  } else if (
    code === 'provider_error' &&
    !description &&
    /^[\w.-]{1,64}$/.test(providerError ?? '')
  ) {
    // A short OAuth error token (`temporarily_unavailable`) helps support; longer text is not shown.
    message = formatMessage(messages['error.provider_error.detail'], { error: providerError })
  } else if (code === 'proxy_error' && isOtherTabError(error)) {
    message = messages['error.proxy_error.other_tab']
  }
  error.message = message
  return error
}

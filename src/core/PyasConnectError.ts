/** Every way a connect can fail. See the README's error table for what each means. */
export type PyasConnectErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_grant'
  | 'state_mismatch'
  | 'expired_attempt'
  | 'provider_error'
  | 'rate_limited'
  | 'network'
  | 'proxy_error'
  | 'popup_blocked'
  | 'popup_closed'
  | 'storage_unavailable'

// Short on purpose (they ship in every bundle), but each still says what to do next.
const MESSAGES: Record<PyasConnectErrorCode, string> = {
  invalid_request: 'Check your details and try again.',
  unauthorized: 'Check the Pyas API key on your server.',
  forbidden: 'The server refused this. Sign in again and retry.',
  invalid_grant: 'Sign-in code invalid or used. Connect again.',
  state_mismatch: 'Sign-in not started here. Connect again.',
  expired_attempt: 'Sign-in expired. Connect again.',
  provider_error: 'The provider failed. Try again.',
  rate_limited: 'Too many tries. Wait a moment and retry.',
  network: 'Server unreachable. Check your connection.',
  proxy_error: 'Unexpected server reply. Try again later.',
  popup_blocked: 'Popup blocked. Allow pop-ups and retry.',
  popup_closed: 'Sign-in window closed. Connect again.',
  storage_unavailable: 'Site storage is blocked. Enable it and retry.',
}

/** Extra details a {@link PyasConnectError} may carry. */
export interface PyasConnectErrorOptions {
  /** A message to use instead of the default one for the code. */
  message?: string
  /** The HTTP status of the response that caused the error. */
  status?: number
  /** Per-field validation messages, keyed by field name (`email`, `name`, `code`). */
  fieldErrors?: Record<string, string>
  /** Seconds to wait before retrying (from `Retry-After`), for `rate_limited`. */
  retryAfter?: number
  /** The underlying error or response body. */
  cause?: unknown
}

/** The one error type of `@pyas/react`. Switch on `code`; show `message` to people. */
export class PyasConnectError extends Error {
  override readonly name = 'PyasConnectError'
  /** What went wrong, as a stable machine-readable code. */
  readonly code: PyasConnectErrorCode
  /** The HTTP status of the response that caused the error, if any. */
  declare readonly status?: number
  /** Per-field validation messages, keyed by field name. */
  declare readonly fieldErrors?: Record<string, string>
  /** Seconds to wait before retrying, for `rate_limited`. */
  declare readonly retryAfter?: number

  constructor(code: PyasConnectErrorCode, options: PyasConnectErrorOptions = {}) {
    const { message, cause, ...details } = options
    super(message ?? MESSAGES[code], { cause })
    this.code = code
    // Only the details given become properties (`status` and friends stay absent otherwise).
    for (const [key, value] of Object.entries(details)) {
      if (value !== undefined) Object.assign(this, { [key]: value })
    }
  }
}

/** Turns anything thrown into a {@link PyasConnectError}, keeping the original as `cause`. */
export function toPyasConnectError(
  error: unknown,
  fallback: PyasConnectErrorCode = 'proxy_error',
): PyasConnectError {
  if (error instanceof PyasConnectError) return error
  return new PyasConnectError(fallback, { cause: error })
}

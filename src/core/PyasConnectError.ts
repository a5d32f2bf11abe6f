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

const MESSAGES: Record<PyasConnectErrorCode, string> = {
  invalid_request: 'Some details are missing or invalid. Check them and try again.',
  unauthorized: 'The server could not authenticate with Pyas. Check the API key on your server.',
  forbidden: 'This request was refused by the server.',
  invalid_grant: 'The sign-in code was invalid or already used. Please connect again.',
  state_mismatch: 'This sign-in was not started here, so it was ignored. Please connect again.',
  expired_attempt: 'This sign-in took too long and expired. Please connect again.',
  provider_error: 'The calendar provider reported an error. Please try again.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  network: 'Could not reach the server. Check your connection and try again.',
  proxy_error: 'The server returned an unexpected response. Please try again later.',
  popup_blocked: 'The sign-in window was blocked. Allow pop-ups for this site and try again.',
  popup_closed: 'The sign-in window was closed before finishing.',
  storage_unavailable:
    'This browser blocks site storage, which sign-in needs. Enable it and retry.',
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
  readonly status?: number
  /** Per-field validation messages, keyed by field name. */
  readonly fieldErrors?: Record<string, string>
  /** Seconds to wait before retrying, for `rate_limited`. */
  readonly retryAfter?: number

  constructor(code: PyasConnectErrorCode, options: PyasConnectErrorOptions = {}) {
    super(options.message ?? MESSAGES[code], { cause: options.cause })
    this.code = code
    if (options.status !== undefined) this.status = options.status
    if (options.fieldErrors) this.fieldErrors = options.fieldErrors
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter
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

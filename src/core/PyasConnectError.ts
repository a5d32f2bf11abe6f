import { enConnect } from './messages.js'

/** Every way a connect can fail; the docs' Errors page says what each means. */
export type PyasConnectErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_grant'
  | 'state_mismatch'
  | 'expired_attempt'
  | 'provider_error'
  | 'admin_consent_required'
  | 'rate_limited'
  | 'network'
  | 'proxy_error'
  | 'popup_blocked'
  | 'popup_closed'
  | 'storage_unavailable'
  | 'embedded_browser'
  | 'link_invalid'

/** The `cause` of the error a tab gives when another tab claimed the code and never finished. */
const OTHER_TAB = 'other_tab'

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
  /** The provider's raw `error` value from the callback URL (`access_denied`, `consent_required`…). */
  providerError?: string
  /** The provider's `error_description`, at most 300 characters. */
  description?: string
  /** The underlying error or response body. */
  cause?: unknown
}

/** The one error type of `@pyas/react`. Switch on `code`; show `message` to people. */
export class PyasConnectError extends Error {
  /** Always `'PyasConnectError'`, so logs and `instanceof`-less checks can tell it apart. */
  override readonly name = 'PyasConnectError'
  /** What went wrong, as a stable machine-readable code. */
  readonly code: PyasConnectErrorCode
  /** The HTTP status of the response that caused the error, if any. */
  declare readonly status?: number
  /** Per-field validation messages, keyed by field name. */
  declare readonly fieldErrors?: Record<string, string>
  /** Seconds to wait before retrying, for `rate_limited`. */
  declare readonly retryAfter?: number
  /** The provider's raw `error` value, for `provider_error` and `admin_consent_required`. */
  declare readonly providerError?: string
  /** The provider's `error_description` (at most 300 characters), when it sent one. */
  declare readonly description?: string

  constructor(code: PyasConnectErrorCode, options: PyasConnectErrorOptions = {}) {
    const { message, cause, ...details } = options
    super(message ?? enConnect[`error.${code}`], { cause })
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

/**
 * The error of a tab that waited in vain for another tab's exchange of the same code. (Functions,
 * not a shared constant: bundlers inline a constant and leave a bare import behind.)
 */
export const otherTabError = (): PyasConnectError =>
  new PyasConnectError('proxy_error', {
    message: enConnect['error.proxy_error.other_tab'],
    cause: OTHER_TAB,
  })

/** Whether `error` is {@link otherTabError}'s. */
export const isOtherTabError = (error: PyasConnectError): boolean => error.cause === OTHER_TAB

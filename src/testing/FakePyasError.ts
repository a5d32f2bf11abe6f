/** What went wrong in a call to the fake's lifecycle functions. */
export type FakePyasErrorCode =
  /** No account of the fake has this `accountId` (never connected, deleted, or forgotten by `reset()`). */
  | 'unknown_account'
  /** The webhook could not be delivered, or its receiver answered something other than 2xx. */
  | 'webhook_failed'

/** Options of the {@link FakePyasError} constructor. */
export interface FakePyasErrorOptions {
  /** The account the call was about. */
  accountId: string
  /** The HTTP status the webhook receiver answered, for `webhook_failed`. */
  status?: number
  /** Why the delivery failed, e.g. the error `fetch` rejected with. */
  cause?: unknown
}

/**
 * The error `fake.setAccountStatus()`, `fake.deleteAccount()` and `fake.sendWebhook()` reject with
 * when the account is unknown or its webhook was not accepted. Misuse (a status or event name
 * that does not exist, a body of the wrong shape) is a `TypeError` instead.
 */
export class FakePyasError extends Error {
  /** Always `'FakePyasError'`. */
  override readonly name = 'FakePyasError'
  /** What went wrong, as a stable machine-readable code. */
  readonly code: FakePyasErrorCode
  /** The account the call was about. */
  readonly accountId: string
  /** The HTTP status the webhook receiver answered (`webhook_failed` with an answer only). */
  declare readonly status?: number

  constructor(code: FakePyasErrorCode, message: string, options: FakePyasErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.accountId = options.accountId
    if (options.status !== undefined) this.status = options.status
  }
}

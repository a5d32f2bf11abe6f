import { invalidGrantResponse, jsonResponse, unauthorizedResponse } from './jsonResponse.js'
import { sleep } from './sleep.js'

/** A failure `fake.failNext()` can inject into the next API call. */
export type FakePyasFailureKind =
  | 'server_error'
  | 'rate_limited'
  | 'slow'
  | 'invalid_grant'
  | 'unauthorized'

/** Options of `fake.failNext()`. */
export interface FailNextOptions {
  /**
   * Fail the next call to this endpoint only; calls to the other one go through untouched.
   * @defaultValue the next API call, whichever endpoint
   */
  on?: 'oauth' | 'connect'
  /**
   * `rate_limited`: the seconds announced in `Retry-After`.
   * @defaultValue 30
   */
  retryAfter?: number
  /**
   * `slow`: how long the call hangs before it answers normally. The request's `signal` aborts it.
   * @defaultValue 15000
   */
  ms?: number
}

/** One queued `failNext()` call. */
export interface QueuedFailure extends FailNextOptions {
  kind: FakePyasFailureKind
}

/** Removes and returns the first queued failure meant for this endpoint. */
export function takeFailure(
  queue: QueuedFailure[],
  action: 'oauth' | 'connect',
): QueuedFailure | undefined {
  const index = queue.findIndex((failure) => failure.on === undefined || failure.on === action)
  return index === -1 ? undefined : queue.splice(index, 1)[0]
}

/**
 * The response a failure injects, or `undefined` when the call should go on normally
 * (a `slow` failure only delays it).
 */
export async function failureResponse(
  failure: QueuedFailure,
  signal: AbortSignal,
): Promise<Response | undefined> {
  switch (failure.kind) {
    case 'server_error':
      return jsonResponse(500, { success: false, error: 'Internal server error', code: 500 })
    case 'unauthorized':
      return unauthorizedResponse()
    case 'invalid_grant':
      return invalidGrantResponse()
    case 'rate_limited': {
      const retryAfter = failure.retryAfter ?? 30
      return jsonResponse(
        429,
        {
          message: 'Too many requests, please try again later.',
          code: 429,
          error: 'Rate limit exceeded',
        },
        {
          'retry-after': String(retryAfter),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
        },
      )
    }
    case 'slow':
      await sleep(failure.ms ?? 15_000, signal)
      return undefined
  }
}

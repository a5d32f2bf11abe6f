import { invalidGrantResponse, jsonResponse, unauthorizedResponse } from './jsonResponse.js'
import { sleep } from './sleep.js'

const KINDS = ['server_error', 'rate_limited', 'slow', 'invalid_grant', 'unauthorized'] as const

/** A failure `fake.failNext()` can inject into the next API call. */
export type FakePyasFailureKind = (typeof KINDS)[number]

/** What `fake.failNext()` accepts: a failure kind, or the HTTP status it answers with. */
export type FakePyasFailure = FakePyasFailureKind | 500 | 429 | 401

const BY_STATUS = { 500: 'server_error', 429: 'rate_limited', 401: 'unauthorized' } as const

const isCount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

/** Checks one `failNext()` call and queues nothing wrong: a typo fails the test that made it. */
export function toQueuedFailure(failure: unknown, options: unknown = {}): QueuedFailure {
  const kind = BY_STATUS[failure as keyof typeof BY_STATUS] ?? failure
  if (!KINDS.includes(kind as FakePyasFailureKind)) {
    throw new TypeError(
      `fake.failNext: unknown failure ${JSON.stringify(failure)}; use ${KINDS.map((k) => `'${k}'`).join(', ')} (or 500, 429, 401).`,
    )
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('fake.failNext: options must be an object.')
  }
  const { on, retryAfter, ms } = options as FailNextOptions
  if (on !== undefined && on !== 'oauth' && on !== 'connect' && on !== 'calendars') {
    throw new TypeError(
      `fake.failNext: \`on\` must be 'oauth', 'connect' or 'calendars', not ${JSON.stringify(on)}.`,
    )
  }
  if (retryAfter !== undefined && !(isCount(retryAfter) && Number.isInteger(retryAfter))) {
    throw new TypeError('fake.failNext: `retryAfter` must be a whole number of seconds, 0 or more.')
  }
  if (ms !== undefined && !isCount(ms)) {
    throw new TypeError('fake.failNext: `ms` must be a number of milliseconds, 0 or more.')
  }
  return { ...(options as FailNextOptions), kind: kind as FakePyasFailureKind }
}

/** Options of `fake.failNext()`. */
export interface FailNextOptions {
  /**
   * Fail the next call to this endpoint only; calls to the other one go through untouched.
   * @defaultValue the next API call, whichever endpoint
   */
  on?: 'oauth' | 'connect' | 'calendars'
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
  action: 'oauth' | 'connect' | 'calendars',
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

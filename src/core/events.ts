import type { ProviderId } from './providers.js'

/** What happened in a connect flow. */
export type PyasEventType =
  | 'started'
  | 'redirecting'
  | 'popup_opened'
  | 'returned'
  | 'exchanging'
  | 'connected'
  | 'cancelled'
  | 'failed'

/** One step of a connect flow, for analytics and logs. Never contains the code. */
export interface PyasEvent {
  /** The step: `started`, `redirecting`, `popup_opened`, `returned`, `exchanging`, `connected`, `cancelled` or `failed`. */
  type: PyasEventType
  /** The provider of the attempt; `undefined` for a return whose attempt is unknown. */
  provider: ProviderId | undefined
  /** A short id of the attempt, safe to log (not the full `state`). */
  attemptId: string | undefined
  /** `Date.now()` when it happened. */
  at: number
}

/**
 * Reports one step to `onEvent`, if given. The attempt id is a prefix of the random part of the
 * state: enough to correlate logs, useless to an attacker.
 */
export const emitEvent = (
  handlers: { onEvent?: ((event: PyasEvent) => void) | undefined } | null | undefined,
  type: PyasEventType,
  provider: ProviderId | undefined,
  state: string | undefined,
): void => handlers?.onEvent?.({ type, provider, attemptId: state?.slice(5, 17), at: Date.now() })

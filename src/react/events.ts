import type { PyasProvider } from '../core/types.js'

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
  type: PyasEventType
  provider: PyasProvider | undefined
  /** A short id of the attempt, safe to log (not the full `state`). */
  attemptId: string | undefined
  /** `Date.now()` when it happened. */
  at: number
}

/** A loggable id for an attempt: a prefix of the random part of its state. */
export const attemptIdOf = (state: string | undefined): string | undefined =>
  state ? state.slice(5, 17) : undefined

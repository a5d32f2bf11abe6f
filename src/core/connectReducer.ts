import type { PyasConnectError } from './PyasConnectError.js'
import type { PyasAccount } from './types.js'

/** Where a connect is in its round trip. */
export type ConnectStatus =
  | 'idle'
  | 'preparing'
  | 'redirecting'
  | 'exchanging'
  | 'connected'
  | 'cancelled'
  | 'error'

/** The whole visible state of one connect flow. */
export interface ConnectState {
  status: ConnectStatus
  account: PyasAccount | null
  error: PyasConnectError | null
  missingScopes: string[]
  returnTo: string | undefined
  /** The connected email differs from the one the connect asked for. */
  emailMismatch: boolean
  /** The `accountId` of the saved account the connect reconnected. */
  replaces: string | undefined
}

export type ConnectAction =
  | { type: 'start' }
  | { type: 'redirect' }
  | { type: 'exchange' }
  | {
      type: 'connected'
      account: PyasAccount
      missingScopes: string[]
      returnTo: string | undefined
      emailMismatch: boolean
      replaces: string | undefined
    }
  | { type: 'cancel' }
  | { type: 'fail'; error: PyasConnectError }
  | { type: 'reset' }

export const initialConnectState: ConnectState = {
  status: 'idle',
  account: null,
  error: null,
  missingScopes: [],
  returnTo: undefined,
  emailMismatch: false,
  replaces: undefined,
}

/** The status each action leads to. */
const NEXT: Record<ConnectAction['type'], ConnectStatus> = {
  start: 'preparing',
  redirect: 'redirecting',
  exchange: 'exchanging',
  connected: 'connected',
  cancel: 'cancelled',
  fail: 'error',
  reset: 'idle',
}

/**
 * The round trip as a pure function: every action gives a whole new state. Only `redirect` keeps
 * what the state held; every other action starts from the initial state plus what it carries.
 */
export function connectReducer(state: ConnectState, action: ConnectAction): ConnectState {
  if (action.type === 'reset') return initialConnectState
  const { type, ...carried } = action
  return { ...(type === 'redirect' ? state : initialConnectState), ...carried, status: NEXT[type] }
}

/** True while a connect is under way and a second click must be ignored. */
export const isPendingStatus = (status: ConnectStatus): boolean =>
  status === 'preparing' || status === 'redirecting' || status === 'exchanging'

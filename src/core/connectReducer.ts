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
}

export type ConnectAction =
  | { type: 'start' }
  | { type: 'redirect' }
  | { type: 'exchange' }
  | { type: 'connected'; account: PyasAccount; missingScopes: string[]; returnTo?: string }
  | { type: 'cancel' }
  | { type: 'fail'; error: PyasConnectError }
  | { type: 'reset' }

export const initialConnectState: ConnectState = {
  status: 'idle',
  account: null,
  error: null,
  missingScopes: [],
  returnTo: undefined,
}

/** The round trip as a pure function: every action gives a whole new state. */
export function connectReducer(state: ConnectState, action: ConnectAction): ConnectState {
  switch (action.type) {
    case 'start':
      return { ...initialConnectState, status: 'preparing' }
    case 'redirect':
      return { ...state, status: 'redirecting' }
    case 'exchange':
      return { ...initialConnectState, status: 'exchanging' }
    case 'connected':
      return {
        status: 'connected',
        account: action.account,
        error: null,
        missingScopes: action.missingScopes,
        returnTo: action.returnTo,
      }
    case 'cancel':
      return { ...initialConnectState, status: 'cancelled' }
    case 'fail':
      return { ...initialConnectState, status: 'error', error: action.error }
    case 'reset':
      return initialConnectState
  }
}

/** True while a connect is under way and a second click must be ignored. */
export const isPendingStatus = (status: ConnectStatus): boolean =>
  status === 'preparing' || status === 'redirecting' || status === 'exchanging'

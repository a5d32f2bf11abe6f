'use client'
import { useCallback, useMemo, useReducer } from 'react'
import {
  type ConnectStatus,
  connectReducer,
  initialConnectState,
  isPendingStatus,
} from '../core/connectReducer.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import type { PyasAccount } from '../core/types.js'
import type { CallbackHandlers } from './followCallback.js'
import { useCallbackResult } from './useCallbackResult.js'
import { useLatest } from './useLatest.js'
import { usePyasRuntime } from './usePyasRuntime.js'

/** Options of {@link usePyasCallback}: the handlers, all optional. */
export type UsePyasCallbackOptions = CallbackHandlers

/** What {@link usePyasCallback} returns. */
export interface UsePyasCallbackResult {
  /** `idle` when this page was not a Pyas callback; else `exchanging`, then the outcome. */
  status: ConnectStatus
  account: PyasAccount | null
  error: PyasConnectError | null
  missingScopes: string[]
  returnTo: string | undefined
  isPending: boolean
  /** Back to `idle` (stable identity). */
  reset: () => void
}

/**
 * Finishes a connect on a dedicated callback route, for any provider, with no button on the page.
 * Mount it on the page your Pyas redirect URL points at.
 */
export function usePyasCallback(options: UsePyasCallbackOptions = {}): UsePyasCallbackResult {
  const latest = useLatest({ options, runtime: usePyasRuntime() })
  const [state, dispatch] = useReducer(connectReducer, initialConnectState)
  useCallbackResult(latest, undefined, dispatch)
  const reset = useCallback(() => dispatch({ type: 'reset' }), [])
  return useMemo(
    () => ({ ...state, reset, isPending: isPendingStatus(state.status) }),
    [state, reset],
  )
}

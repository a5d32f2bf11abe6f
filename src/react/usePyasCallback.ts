'use client'
import { useMemo } from 'react'
import type { CallbackHandlers } from '../core/client.js'
import { type ConnectStatus, isPendingStatus } from '../core/connectReducer.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import type { PyasAccount } from '../core/types.js'
import { useConnectFlow } from './usePyasConnect.js'

/** Options of {@link usePyasCallback}: the handlers, all optional. */
export type UsePyasCallbackOptions = CallbackHandlers

/** What {@link usePyasCallback} returns. */
export interface UsePyasCallbackResult {
  /** `idle` when this page was not a Pyas callback; else `exchanging`, then the outcome. */
  status: ConnectStatus
  /** The connected account, once `status` is `connected`; else `null`. */
  account: PyasAccount | null
  /** Why the connect failed, when `status` is `error`; else `null`. */
  error: PyasConnectError | null
  /** The provider's required scopes missing from `account.scopes`. */
  missingScopes: string[]
  /** The connected email differs (trimmed, case-insensitively) from the one asked for. */
  emailMismatch: boolean
  /** The `returnTo` of the finished attempt, for the app to route to. */
  returnTo: string | undefined
  /** True while the code is exchanged. */
  isPending: boolean
  /** Back to `idle` (stable identity). */
  reset: () => void
}

/**
 * Finishes a connect on a dedicated callback route, for any provider, with no button on the page.
 * Mount it on the page your Pyas redirect URL points at.
 */
export function usePyasCallback(options: UsePyasCallbackOptions = {}): UsePyasCallbackResult {
  // No provider: this flow follows a callback of any provider and never starts one.
  const [flow, state] = useConnectFlow(options)
  return useMemo(
    () => ({ ...state, reset: flow.reset, isPending: isPendingStatus(state.status) }),
    [state, flow],
  )
}

'use client'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { CallbackHandlers } from '../core/client.js'
import {
  type ConnectFlow,
  type ConnectInputs,
  createConnectFlow,
  type FlowOptions,
  type SavedAccount,
} from '../core/connectFlow.js'
import { type ConnectState, type ConnectStatus, isPendingStatus } from '../core/connectReducer.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import type { ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import { useLatest } from './useLatest.js'
import { usePyasRuntime } from './usePyasRuntime.js'

/** Options of {@link usePyasConnect}. */
export interface UsePyasConnectOptions extends ConnectInputs, CallbackHandlers {
  /** The calendar provider to connect. */
  provider: ProviderId
  /** What to do when the browser blocks the popup (never a redirect inside a frame). @defaultValue `'error'` */
  popupFallback?: 'error' | 'redirect'
  /**
   * An account the app saved earlier, to reconnect (e.g. one that went `inactive`): its `email` is
   * the default `email`, and `context.replaces` is its `accountId` when that account came back.
   */
  savedAccount?: SavedAccount
  /**
   * Google refuses to sign in inside in-app browsers (Instagram, Facebook, LinkedIn, TikTok…) and
   * Microsoft often does. `'block'` fails a google or microsoft connect there with
   * `embedded_browser` before anything is opened or sent (the buttons then show
   * `PyasOpenInBrowser`); `'allow'` tries anyway. Zoom is never blocked. @defaultValue `'block'`
   */
  inAppBrowser?: 'block' | 'allow'
}

/** Every option of {@link usePyasConnect}, once: components keep these off the DOM and pass them on. */
export const CONNECT_OPTIONS = [
  'provider',
  'email',
  'name',
  'returnTo',
  'mode',
  'prompt',
  'savedAccount',
  'popupFallback',
  'inAppBrowser',
  'onConnected',
  'onError',
  'onCancel',
  'onEvent',
] as const satisfies readonly (keyof UsePyasConnectOptions)[]

// A new option must be added to the list above: this fails to compile until it is.
type Unlisted = Exclude<keyof UsePyasConnectOptions, (typeof CONNECT_OPTIONS)[number]>
const everyOptionListed: [Unlisted] extends [never] ? true : Unlisted = true
void everyOptionListed

/** `props` split into the hook's options and the rest. */
export function splitConnectOptions<P extends UsePyasConnectOptions>(
  props: P,
): [UsePyasConnectOptions, Omit<P, (typeof CONNECT_OPTIONS)[number]>] {
  const rest = { ...props } as Record<string, unknown>
  for (const key of CONNECT_OPTIONS) delete rest[key]
  return [props, rest as Omit<P, (typeof CONNECT_OPTIONS)[number]>]
}

/** What {@link usePyasConnect} returns. */
export interface UsePyasConnectResult {
  /** Starts a connect (stable identity). Ignored while one is pending. */
  connect: (overrides?: ConnectInputs) => Promise<void>
  /** Fetches the OAuth URL early so the click navigates at once. Creates no attempt. */
  prefetch: () => void
  /** Back to `idle`, forgetting the account and error (stable identity). */
  reset: () => void
  /** Starts a new attempt, e.g. to grant `missingScopes` (stable identity). */
  reconnect: () => Promise<void>
  /** Where the round trip stands: `idle`, `preparing`, `redirecting`, `exchanging`, `connected`, `cancelled` or `error`. */
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
  /** True while preparing, redirecting or exchanging. */
  isPending: boolean
}

/**
 * The flow behind a hook: created once per hook instance, bound to the latest render's options
 * and runtime, read with `useSyncExternalStore` and attached to the page's callbacks in an effect.
 */
export function useConnectFlow(options: FlowOptions): [ConnectFlow, ConnectState] {
  const latest = useLatest({ options, runtime: usePyasRuntime() })
  const [flow] = useState(() =>
    createConnectFlow(
      () => latest.current.options,
      () => latest.current.runtime,
    ),
  )
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState)
  useEffect(() => flow.attach(), [flow])
  return [flow, state]
}

/** The whole connect round trip for one provider: start it, and finish it when the user returns. */
export function usePyasConnect(options: UsePyasConnectOptions): UsePyasConnectResult {
  const [flow, state] = useConnectFlow(options)
  return useMemo(
    () => ({
      ...state,
      connect: flow.connect,
      prefetch: flow.prefetch,
      reset: flow.reset,
      reconnect: flow.connect as () => Promise<void>,
      isPending: isPendingStatus(state.status),
    }),
    [state, flow],
  )
}

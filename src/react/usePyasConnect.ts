'use client'
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { type ConnectMode, createState, saveAttempt } from '../core/attempts.js'
import { startCallback } from '../core/callbackFlow.js'
import { safeReturnTo } from '../core/callbackUrl.js'
import {
  type ConnectStatus,
  connectReducer,
  initialConnectState,
  isPendingStatus,
} from '../core/connectReducer.js'
import { PyasConnectError, toPyasConnectError } from '../core/PyasConnectError.js'
import { openPopup, watchPopup } from '../core/popupWindow.js'
import { createPrefetchCache, prefetchKey } from '../core/prefetchCache.js'
import type { PyasAccount, PyasProvider } from '../core/types.js'
import { assertConnectInput, connectFieldErrors } from '../core/validateConnect.js'
import { emitEvent } from './events.js'
import { type CallbackHandlers, followCallback } from './followCallback.js'
import { useCallbackResult } from './useCallbackResult.js'
import { useLatest } from './useLatest.js'
import { usePyasRuntime } from './usePyasRuntime.js'

/** The inputs of a connect that `connect(overrides)` may change for one call. */
export interface ConnectInputs {
  /** The user's email. Required for `google` and `microsoft`; not sent for `zoom`. */
  email?: string
  /** The user's full name, saved on the Pyas account. Required. */
  name?: string
  /** A same-origin path (`/settings`) handed back after the round trip; anything else is dropped. */
  returnTo?: string
  /** `'redirect'` leaves the page; `'popup'` opens the consent screen in a popup. @defaultValue `'redirect'` */
  mode?: ConnectMode
}

/** Options of {@link usePyasConnect}. */
export interface UsePyasConnectOptions extends ConnectInputs, CallbackHandlers {
  /** The calendar provider to connect. */
  provider: PyasProvider
  /** What to do when the browser blocks the popup. @defaultValue `'error'` */
  popupFallback?: 'error' | 'redirect'
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
  status: ConnectStatus
  account: PyasAccount | null
  error: PyasConnectError | null
  /** The provider's required scopes missing from `account.scopes`. */
  missingScopes: string[]
  /** The `returnTo` of the finished attempt, for the app to route to. */
  returnTo: string | undefined
  /** True while preparing, redirecting or exchanging. */
  isPending: boolean
}

/** The whole connect round trip for one provider: start it, and finish it when the user returns. */
export function usePyasConnect(options: UsePyasConnectOptions): UsePyasConnectResult {
  const runtime = usePyasRuntime()
  const [state, dispatch] = useReducer(connectReducer, initialConnectState)
  const latest = useLatest({ options, runtime, status: state.status })
  const pending = useRef(false)
  const [prefetched] = useState(createPrefetchCache)

  useCallbackResult(latest, options.provider, dispatch)

  const fail = useCallback(
    (error: PyasConnectError, state?: string) => {
      pending.current = false
      dispatch({ type: 'fail', error })
      const { options } = latest.current
      emitEvent(options, 'failed', options.provider, state)
      options.onError?.(error)
    },
    [latest],
  )

  const prefetch = useCallback(() => {
    const { options, runtime } = latest.current
    const { provider, name } = options
    const email = options.email?.trim()
    if (pending.current || connectFieldErrors({ provider, email, name })) return
    try {
      const storage = runtime.getStorage()
      storage.setItem('pyas:probe', '1')
      storage.removeItem('pyas:probe')
    } catch {
      return
    }
    prefetched.warm(prefetchKey(provider, email), (state) =>
      runtime.client.getOAuthUrl(provider, { email, state }),
    )
  }, [latest, prefetched])

  /** Stops watching the current popup, if any. */
  const popupSession = useRef<(() => void) | undefined>(undefined)
  const endPopup = useCallback(() => {
    popupSession.current?.()
    popupSession.current = undefined
  }, [])

  const connect = useCallback(
    async (overrides: ConnectInputs = {}) => {
      const { options, runtime, status } = latest.current
      if (pending.current || isPendingStatus(status)) return
      const input = { ...options, ...overrides }
      const { provider } = input
      const email = provider === 'zoom' ? undefined : input.email?.trim()
      try {
        assertConnectInput({ provider, name: input.name, email })
      } catch (error) {
        fail(toPyasConnectError(error))
        return
      }
      endPopup()
      // Open the popup first, synchronously inside the click: Safari blocks it after an await.
      let mode = input.mode ?? 'redirect'
      const popup = mode === 'popup' ? openPopup() : null
      if (mode === 'popup' && !popup) {
        if (input.popupFallback !== 'redirect') {
          fail(new PyasConnectError('popup_blocked'))
          return
        }
        mode = 'redirect'
      }
      pending.current = true
      dispatch({ type: 'start' })
      const held = prefetched.take(prefetchKey(provider, email))
      const state = held?.state ?? createState()
      const emit = (type: 'started' | 'redirecting' | 'popup_opened') =>
        emitEvent(input, type, provider, state)
      emit('started')
      if (popup) emit('popup_opened')
      const abandon = (error: PyasConnectError) => {
        popup?.close()
        fail(error, state)
      }
      try {
        const returnTo = safeReturnTo(input.returnTo)
        saveAttempt(runtime.getStorage(), {
          state,
          provider,
          name: input.name!.trim(),
          mode,
          createdAt: Date.now(),
          // Stored as JSON, so an absent email or returnTo leaves no key.
          email,
          returnTo,
        })
      } catch (cause) {
        abandon(new PyasConnectError('storage_unavailable', { cause }))
        return
      }
      let url: string
      try {
        url =
          held?.url ??
          (await (held?.promise ?? runtime.client.getOAuthUrl(provider, { email, state })))
      } catch (error) {
        abandon(toPyasConnectError(error))
        return
      }
      dispatch({ type: 'redirect' })
      emit('redirecting')
      if (!popup) {
        runtime.navigate(url)
        return
      }
      popup.location.href = url
      popupSession.current = watchPopup(popup, state, {
        onCallback: (params) => {
          pending.current = false
          const { getStorage, client } = latest.current.runtime
          const entry = startCallback(params, { getStorage, client }, false)
          popupSession.current = followCallback(entry, provider, dispatch, latest)
        },
        onClosed: () => fail(new PyasConnectError('popup_closed'), state),
      })
    },
    [latest, fail, endPopup, prefetched],
  )

  const reset = useCallback(() => {
    endPopup()
    pending.current = false
    dispatch({ type: 'reset' })
  }, [endPopup])

  const reconnect = useCallback(() => {
    pending.current = false
    return connect()
  }, [connect])

  useEffect(() => endPopup, [endPopup])

  // Back from the consent screen restores this page from the bfcache as it was left: redirecting.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && pending.current) reset()
    }
    window.addEventListener('pageshow', onPageShow)
    return () => window.removeEventListener('pageshow', onPageShow)
  }, [reset])

  return useMemo(
    () => ({
      ...state,
      connect,
      prefetch,
      reset,
      reconnect,
      isPending: isPendingStatus(state.status),
    }),
    [state, connect, prefetch, reset, reconnect],
  )
}

import { missingScopes } from './account.js'
import { type ConnectMode, createState, saveAttempt } from './attempts.js'
import type { CallbackDeps, CallbackEntry } from './callbackFlow.js'
import type { CallbackStore } from './callbackStore.js'
import {
  type ConnectAction,
  type ConnectState,
  connectReducer,
  initialConnectState,
  isPendingStatus,
} from './connectReducer.js'
import { createMemoryStorage, isFramed } from './env.js'
import { emitEvent, type PyasEvent, type PyasEventType } from './events.js'
import { type ConnectMessages, localizeError } from './localizeError.js'
import { PyasConnectError, toPyasConnectError } from './PyasConnectError.js'
import { handOffToOpener } from './popupChannel.js'
import { openPopup, watchPopup } from './popupWindow.js'
import { createPrefetchCache, prefetchKey } from './prefetchCache.js'
import { needsEmail, type ProviderId } from './providers.js'
import type { ProxyClient } from './proxyClient.js'
import { safeReturnTo } from './safeReturnTo.js'
import type { PyasAccount } from './types.js'
import { connectFieldErrors, invalidRequest } from './validateConnect.js'
import { withPrompt } from './withPrompt.js'

/** How the consent screen is shown: `auto` is a redirect at top level and a popup in a frame. */
export type ConnectModeOption = 'auto' | ConnectMode

/** The OAuth `prompt` the library adds for Google and Microsoft. */
export type ConnectPrompt = 'select_account' | 'consent'

/** An account the app saved earlier, to reconnect (e.g. after it went `inactive`). */
export interface SavedAccount {
  accountId: string
  email?: string
}

/** What `onConnected` receives besides the account. */
export interface ConnectedContext {
  /** The same-origin path given as `returnTo` when the connect started, if any. */
  returnTo: string | undefined
  /** The provider's required calendar scopes the user did not grant (empty when all were). */
  missingScopes: string[]
  /** The connected email differs (trimmed, case-insensitively) from the one the connect asked for. */
  emailMismatch: boolean
  /**
   * The `savedAccount.accountId` this connect reconnected — only when the connected account has
   * that id; else `undefined`. A hint for the page, never proof of ownership.
   */
  replaces: string | undefined
}

/** The callbacks of a hook that handles the return from the provider. */
export interface CallbackHandlers {
  /** Called once per exchange with the connected account. Save `account.accountId`. */
  onConnected?: (account: PyasAccount, context: ConnectedContext) => void
  /** Called when the connect fails. */
  onError?: (error: PyasConnectError) => void
  /** Called when the user denies access on the consent screen. */
  onCancel?: () => void
  /** Called at every step of the flow (never with the code). */
  onEvent?: (event: PyasEvent) => void
}

/** The inputs of a connect that `connect(overrides)` may change for one call. */
export interface ConnectInputs {
  /** The user's email. Required for `google` and `microsoft`; not sent for `zoom`. */
  email?: string
  /** The user's full name, saved on the Pyas account. Required. */
  name?: string
  /** A same-origin path (`/settings`) handed back after the round trip; anything else is dropped. */
  returnTo?: string
  /** `'auto'` redirects at top level and opens a popup inside a frame. @defaultValue `'auto'` */
  mode?: ConnectModeOption
  /** Adds `select_account` (the account chooser) or `consent` to the provider's `prompt`. */
  prompt?: ConnectPrompt
}

/** Everything a flow reads from the latest render. */
export interface FlowOptions extends ConnectInputs, CallbackHandlers {
  /** The provider this flow connects; `undefined` for a callback-only flow (any provider). */
  provider?: ProviderId
  /** What to do when the browser blocks the popup (never a redirect inside a frame). */
  popupFallback?: 'error' | 'redirect'
  /** The saved account this connect reconnects: its email is the default `email`. */
  savedAccount?: SavedAccount
}

/** What a flow runs on: the proxy, storage, navigation and the client's callback store. */
export interface FlowRuntime {
  client: ProxyClient
  getStorage: () => Storage
  navigate: (url: string) => void
  store: CallbackStore
  /** The texts errors are given (the app's over English). */
  messages: ConnectMessages
}

/** One hook's connect flow: its state, and what it can do. */
export interface ConnectFlow {
  getState(): ConnectState
  subscribe(listener: () => void): () => void
  connect(overrides?: ConnectInputs): Promise<void>
  prefetch(): void
  reset(): void
  /** Follows the page's callbacks (the return in the URL, a popup's hand-off); returns a detach. */
  attach(): () => void
}

/**
 * Creates the flow behind one `usePyasConnect` (or `usePyasCallback`, with no provider). Plain
 * TypeScript: the React hooks only bind it (`useSyncExternalStore` on `getState`, `attach` in an
 * effect). `options` and `runtime` are read on every use, so handlers come from the latest render.
 */
export function createConnectFlow(
  options: () => FlowOptions,
  runtime: () => FlowRuntime,
): ConnectFlow {
  let state = initialConnectState
  const listeners = new Set<() => void>()
  const prefetched = createPrefetchCache()
  /** The callback this flow shows, and how to stop following it. */
  let following: { entry: CallbackEntry; stop: () => void } | undefined
  /** A callback `reset()` or `connect()` put away: it is not shown again by this flow. */
  let dismissed: CallbackEntry | undefined
  let endPopup: (() => void) | undefined

  const dispatch = (action: ConnectAction) => {
    state = connectReducer(state, action)
    for (const listener of [...listeners]) listener()
  }
  const emit = (type: PyasEventType, provider: ProviderId | undefined, oauthState?: string) =>
    emitEvent(options(), type, provider, oauthState)

  const fail = (thrown: PyasConnectError, oauthState?: string) => {
    const error = localizeError(thrown, runtime().messages)
    dispatch({ type: 'fail', error })
    emit('failed', options().provider, oauthState)
    options().onError?.(error)
  }

  const stopPopup = () => {
    endPopup?.()
    endPopup = undefined
  }
  const unfollow = () => {
    following?.stop()
    following = undefined
  }

  /**
   * What settling a callback needs. Only a callback read from this page's URL may be handed off;
   * one a popup handed over is settled with the storage its attempt was saved in.
   */
  const callbackDeps = (fromUrl: boolean, getStorage = runtime().getStorage): CallbackDeps => {
    const { client } = runtime()
    return fromUrl ? { getStorage, client, handOff: handOffToOpener } : { getStorage, client }
  }

  /** Reflects a settling callback into this flow and calls this flow's handlers once. */
  function follow(entry: CallbackEntry | null | undefined) {
    if (!entry || entry === following?.entry || entry === dismissed) return
    const { provider } = options()
    const ours = (p: ProviderId | undefined) => !provider || !p || p === provider
    if (!ours(entry.provider)) return
    unfollow()
    // Joined after the result was in (a later mount): show it; the handlers already ran for it.
    const late = entry.settled !== undefined
    let active = true
    following = { entry, stop: () => (active = false) }
    const report = (type: PyasEventType, p = entry.provider ?? provider) =>
      emit(type, p, entry.oauthState)
    if (!late) {
      if (entry.exchanging) dispatch({ type: 'exchange' })
      // A microtask later, so StrictMode's throw-away first effect run reports nothing.
      queueMicrotask(() => {
        if (!active) return
        report('returned')
        if (entry.exchanging) report('exchanging')
      })
    }
    void entry.result.then((result) => {
      if (!active || result.type === 'handed_off' || !ours(result.provider)) return
      const handlers = options()
      if (result.type === 'connected') {
        const { account, returnTo, emailMismatch, replaces } = result
        const context: ConnectedContext = {
          returnTo,
          missingScopes: missingScopes(result.provider, account.scopes),
          emailMismatch,
          replaces,
        }
        dispatch({ type: 'connected', account, ...context })
        if (late || result.replayed) return
        report('connected', result.provider)
        handlers.onConnected?.(account, context)
      } else if (result.type === 'cancelled') {
        dispatch({ type: 'cancel' })
        if (late) return
        report('cancelled', result.provider)
        handlers.onCancel?.()
      } else {
        const error = localizeError(result.error, runtime().messages)
        dispatch({ type: 'fail', error })
        if (late) return
        report('failed', result.provider)
        handlers.onError?.(error)
      }
    })
  }

  /** The inputs a connect (or a prefetch) would use, and their field errors. */
  const inputsOf = (overrides: ConnectInputs = {}) => {
    const input = { ...options(), ...overrides }
    const provider = input.provider as ProviderId
    const email = needsEmail(provider)
      ? (input.email ?? input.savedAccount?.email)?.trim()
      : undefined
    const fieldErrors = connectFieldErrors(
      { provider, name: input.name, email, mode: input.mode, prompt: input.prompt },
      runtime().messages,
    )
    return { input, provider, email, fieldErrors }
  }

  async function connect(overrides?: ConnectInputs) {
    if (isPendingStatus(state.status)) return
    const { input, provider, email, fieldErrors } = inputsOf(overrides)
    if (fieldErrors) {
      fail(invalidRequest(fieldErrors))
      return
    }
    stopPopup()
    dismissed = following?.entry ?? dismissed
    unfollow()
    // Providers refuse to show consent inside a frame, so a framed page never redirects.
    const framed = isFramed()
    let mode: ConnectMode =
      input.mode === 'redirect' || input.mode === 'popup'
        ? input.mode
        : framed
          ? 'popup'
          : 'redirect'
    // Open the popup first, synchronously inside the click: Safari blocks it after an await.
    const popup = mode === 'popup' ? openPopup() : null
    if (mode === 'popup' && !popup) {
      if (input.popupFallback !== 'redirect' || framed) {
        fail(new PyasConnectError('popup_blocked'))
        return
      }
      mode = 'redirect'
    }
    dispatch({ type: 'start' })
    const { client, getStorage, navigate, store } = runtime()
    const held = prefetched.take(prefetchKey(provider, email))
    const oauthState = held?.state ?? createState()
    emit('started', provider, oauthState)
    if (popup) emit('popup_opened', provider, oauthState)
    const abandon = (error: PyasConnectError) => {
      popup?.close()
      fail(error, oauthState)
    }
    const record = {
      state: oauthState,
      provider,
      name: (input.name as string).trim(),
      mode,
      createdAt: Date.now(),
      // Stored as JSON, so the absent optional fields leave no key.
      email,
      returnTo: safeReturnTo(input.returnTo),
      replaces: input.savedAccount?.accountId || undefined,
    }
    let attemptStorage = getStorage
    try {
      saveAttempt(getStorage(), record)
    } catch (cause) {
      // A popup connect never leaves the page, so its attempt can live in memory: that keeps it
      // working in a frame whose browser blocks third-party storage (any access throws there).
      if (!popup) {
        abandon(new PyasConnectError('storage_unavailable', { cause }))
        return
      }
      const memory = createMemoryStorage()
      saveAttempt(memory, record)
      attemptStorage = () => memory
    }
    let url: string
    try {
      url =
        held?.url ??
        (await (held?.promise ?? client.getOAuthUrl(provider, { email, state: oauthState })))
    } catch (error) {
      abandon(toPyasConnectError(error))
      return
    }
    if (needsEmail(provider) && input.prompt) url = withPrompt(url, input.prompt)
    dispatch({ type: 'redirect' })
    emit('redirecting', provider, oauthState)
    if (!popup) {
      navigate(url)
      return
    }
    popup.location.href = url
    endPopup = watchPopup(popup, oauthState, {
      onCallback: (params) =>
        follow(store.fromMessage(params, callbackDeps(false, attemptStorage))),
      onClosed: () => fail(new PyasConnectError('popup_closed'), oauthState),
    })
  }

  function prefetch() {
    // A connected button is rarely clicked again (focus coming back from a popup is no intent).
    if (isPendingStatus(state.status) || state.status === 'connected') return
    const { provider, email, fieldErrors } = inputsOf()
    if (fieldErrors) return
    const { client, getStorage } = runtime()
    try {
      const storage = getStorage()
      storage.setItem('pyas:probe', '1')
      storage.removeItem('pyas:probe')
    } catch {
      return
    }
    prefetched.warm(prefetchKey(provider, email), (oauthState) =>
      client.getOAuthUrl(provider, { email, state: oauthState }),
    )
  }

  function reset() {
    stopPopup()
    dismissed = following?.entry ?? dismissed
    unfollow()
    dispatch({ type: 'reset' })
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    connect,
    prefetch,
    reset,
    attach() {
      const { store } = runtime()
      follow(store.fromUrl(callbackDeps(true), options().provider))
      const unsubscribe = store.subscribe(() => follow(store.latest()))
      // Back from the consent screen restores this page from the bfcache as it was left.
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted && isPendingStatus(state.status)) reset()
      }
      window.addEventListener('pageshow', onPageShow)
      return () => {
        unsubscribe()
        unfollow()
        stopPopup()
        window.removeEventListener('pageshow', onPageShow)
      }
    },
  }
}

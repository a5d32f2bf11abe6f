import { type AttemptRecord, type ConnectMode, createState, saveAttempt } from './attempts.js'
import { type CallbackHandlers, type PyasClient, type Receiver, returnKey } from './client.js'
import {
  type ConnectAction,
  type ConnectState,
  connectReducer,
  initialConnectState,
  isPendingStatus,
} from './connectReducer.js'
import { isFramed } from './env.js'
import type { PyasEventType } from './events.js'
import { inAppBrowser } from './inAppBrowser.js'
import { type ConnectMessages, localizeError } from './localizeError.js'
import { PyasConnectError, toPyasConnectError } from './PyasConnectError.js'
import { openPopup } from './popupWindow.js'
import { createPrefetchCache, prefetchKey } from './prefetchCache.js'
import { needsEmail, type ProviderId } from './providers.js'
import type { ProxyClient } from './proxyClient.js'
import { safeReturnTo } from './safeReturnTo.js'
import { connectFieldErrors, invalidRequest } from './validateConnect.js'
import { withPrompt } from './withPrompt.js'

/** How the consent screen is shown: `auto` is a redirect at top level and a popup in a frame. */
export type ConnectModeOption = 'auto' | ConnectMode

/** The OAuth `prompt` the library adds for Google and Microsoft. */
export type ConnectPrompt = 'select_account' | 'consent'

/** An account the app saved earlier, to reconnect (e.g. after it went `inactive`). */
export interface SavedAccount {
  /** The saved account's `accountId`: `context.replaces` when the same account connects again. */
  accountId: string
  /** Its email: the connect's default `email`. */
  email?: string
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
  /** Whether google and microsoft may connect inside an in-app browser. @defaultValue `'block'` */
  inAppBrowser?: 'block' | 'allow'
}

/** What a flow runs on: the proxy, storage, navigation and the client's callback store. */
export interface FlowRuntime {
  client: ProxyClient
  getStorage: () => Storage
  navigate: (url: string) => void
  /** The client that reads the page's returns and hands their outcomes to one hook. */
  pyas: PyasClient
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
  /** Mounts the flow on its client (which then reads the page's return); returns the unmount. */
  attach(): () => void
}

/** How this connect leaves the page: providers refuse consent inside a frame, so a frame never redirects. */
function modeOf(input: FlowOptions, framed: boolean): ConnectMode {
  if (input.mode === 'redirect' || input.mode === 'popup') return input.mode
  return framed ? 'popup' : 'redirect'
}

/** The attempt record of a connect (stored as JSON, so absent optional fields leave no key). */
const attemptOf = (
  input: FlowOptions,
  state: string,
  email: string | undefined,
  mode: ConnectMode,
  link: string | undefined,
): AttemptRecord => ({
  state,
  provider: input.provider as ProviderId,
  name: (input.name as string).trim(),
  mode,
  createdAt: Date.now(),
  email,
  returnTo: safeReturnTo(input.returnTo),
  replaces: input.savedAccount?.accountId || undefined,
  link,
})

/**
 * Saves the attempt; returns the storage it lives in, or `undefined` for a popup where site storage
 * is blocked (any access throws in a frame whose browser blocks third-party storage): a popup
 * connect never leaves the page, so its attempt can live in memory. A redirect cannot, and fails
 * before leaving.
 */
function keepAttempt(
  getStorage: () => Storage,
  record: AttemptRecord,
  popup: boolean,
): (() => Storage) | undefined {
  try {
    saveAttempt(getStorage(), record)
    return getStorage
  } catch (cause) {
    if (!popup) throw new PyasConnectError('storage_unavailable', { cause })
    return undefined
  }
}

/** The attempt kept in memory; that storage comes with the return path, which a popup loads anyway. */
async function keepInMemory(pyas: PyasClient, record: AttemptRecord): Promise<() => Storage> {
  const memory = (await pyas.load()).memoryStorage()
  saveAttempt(memory, record)
  return () => memory
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
  let endPopup: (() => void) | undefined

  const dispatch = (action: ConnectAction) => {
    state = connectReducer(state, action)
    for (const listener of [...listeners]) listener()
  }
  /** This hook as its client sees it: what a return's outcome is shown on. */
  const receiver: Receiver = {
    key() {
      const { provider, savedAccount } = options()
      return provider && returnKey(provider, savedAccount?.accountId || undefined)
    },
    handlers: options,
    show: dispatch,
  }
  const emit = (type: PyasEventType, provider: ProviderId | undefined, oauthState?: string) =>
    runtime().pyas.emit(type, provider, oauthState, receiver)

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

  /**
   * The inputs a connect (or a prefetch) would use, and their field errors. On a page opened from a
   * connect link (for this provider, or for any), the link's token goes with the connect and its
   * `email` and `name` fill the ones the app did not give: what the app gives wins.
   */
  const inputsOf = (overrides: ConnectInputs = {}) => {
    const input = { ...options(), ...overrides }
    const provider = input.provider as ProviderId
    const link = runtime().pyas.link(provider)
    if (link && !input.name?.trim()) input.name = link.name ?? input.name
    const email = needsEmail(provider)
      ? (input.email ?? input.savedAccount?.email ?? link?.email)?.trim()
      : undefined
    const fieldErrors = connectFieldErrors(
      { provider, name: input.name, email, mode: input.mode, prompt: input.prompt },
      runtime().messages,
    )
    return { input, provider, email, fieldErrors, link: link?.token }
  }

  /**
   * Google refuses to sign in inside an in-app browser (`disallowed_useragent`) and Microsoft often
   * does: the user would land on the provider's error page and never come back.
   */
  const blockedInApp = (provider: ProviderId) =>
    needsEmail(provider) && options().inAppBrowser !== 'allow' && inAppBrowser() !== null

  async function connect(overrides?: ConnectInputs) {
    if (isPendingStatus(state.status)) return
    // A page opened from a connect link reads it first (it is loaded on mount, so this is rare).
    const taking = runtime().pyas.takeLink()
    if (taking) await taking.catch(() => undefined)
    const { input, provider, email, fieldErrors, link } = inputsOf(overrides)
    if (fieldErrors) {
      fail(invalidRequest(fieldErrors))
      return
    }
    if (blockedInApp(provider)) {
      fail(new PyasConnectError('embedded_browser'))
      return
    }
    stopPopup()
    const framed = isFramed()
    let mode = modeOf(input, framed)
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
    const { client, getStorage, navigate, pyas, messages } = runtime()
    const held = prefetched.take(prefetchKey(provider, email))
    const oauthState = held?.state ?? createState()
    emit('started', provider, oauthState)
    if (popup) emit('popup_opened', provider, oauthState)
    let attemptStorage: () => Storage
    let url: string
    try {
      const record = attemptOf(input, oauthState, email, mode, link)
      attemptStorage =
        keepAttempt(getStorage, record, !!popup) ?? (await keepInMemory(pyas, record))
      url =
        held?.url ??
        (await (held?.promise ?? client.getOAuthUrl(provider, { email, state: oauthState, link })))
    } catch (error) {
      popup?.close()
      fail(toPyasConnectError(error), oauthState)
      return
    }
    if (needsEmail(provider) && input.prompt) url = withPrompt(url, input.prompt)
    dispatch({ type: 'redirect' })
    emit('redirecting', provider, oauthState)
    if (!popup) {
      navigate(url)
      return
    }
    // The popup's hand-off is read by the return path: loaded before the popup leaves.
    const path = await pyas.load()
    popup.location.href = url
    endPopup = path.watchPopup(popup, oauthState, {
      onCallback: (params) =>
        path.fromMessage(params, { getStorage: attemptStorage, client, messages }, receiver),
      onClosed: () => fail(new PyasConnectError('popup_closed'), oauthState),
    })
  }

  function prefetch() {
    // A connected button is rarely clicked again (focus coming back from a popup is no intent).
    if (isPendingStatus(state.status) || state.status === 'connected') return
    // Never a request without the page's connect link: wait until it is read.
    if (runtime().pyas.takeLink()) return
    const { provider, email, fieldErrors, link } = inputsOf()
    if (fieldErrors || blockedInApp(provider)) return
    const { client, getStorage } = runtime()
    try {
      const storage = getStorage()
      storage.setItem('pyas:probe', '1')
      storage.removeItem('pyas:probe')
    } catch {
      return
    }
    prefetched.warm(prefetchKey(provider, email), (oauthState) =>
      client.getOAuthUrl(provider, { email, state: oauthState, link }),
    )
  }

  function reset() {
    stopPopup()
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
      const current = runtime()
      const unmount = current.pyas.mount(receiver)
      // Before any request: the link's token leaves the address bar (and so the page's history).
      void current.pyas.takeLink()
      const { client, getStorage, messages } = current
      void current.pyas.fromUrl({ getStorage, client, messages })
      // Back from the consent screen restores this page from the bfcache as it was left.
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted && isPendingStatus(state.status)) reset()
      }
      window.addEventListener('pageshow', onPageShow)
      return () => {
        unmount()
        stopPopup()
        window.removeEventListener('pageshow', onPageShow)
      }
    },
  }
}

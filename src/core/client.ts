import type { LinkFor } from './connectLink.js'
import type { ConnectAction } from './connectReducer.js'
import { emitEvent, type PyasEvent, type PyasEventType } from './events.js'
import type { ConnectMessages } from './localizeError.js'
import type { PyasConnectError } from './PyasConnectError.js'
import type { ProviderId } from './providers.js'
import type { CallbackDeps, CallbackEntry, Returns } from './returnPath.js'
import type { PyasAccount } from './types.js'

/** Who a return (or a hook) is for: the provider, and the saved account it reconnects. */
export const returnKey = (provider: ProviderId, savedAccountId?: string): string =>
  `${provider}:${savedAccountId ?? ''}`

/**
 * The `pyas_` state in a URL's query, if it carries a return of ours (only then is the return path
 * worth loading).
 */
export const returnStateIn = (location: Pick<Location, 'search'> | undefined): string | null =>
  (location && /[?&]state=(pyas_[^&#]*)/.exec(location.search)?.[1]) || null

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

/** The callbacks of a hook, or of `PyasProvider`, that hears how a connect ended. */
export interface CallbackHandlers {
  /** Called once per exchange with the connected account. */
  onConnected?: (account: PyasAccount, context: ConnectedContext) => void
  /** Called when the connect fails. */
  onError?: (error: PyasConnectError) => void
  /** Called when the user denies access on the consent screen. */
  onCancel?: () => void
  /** Called at every step of the flow (never with the code). */
  onEvent?: (event: PyasEvent) => void
}

/** A mounted hook, as the client sees it: where a return's outcome can be shown. */
export interface Receiver {
  /** Its {@link returnKey}; `undefined` for `usePyasCallback`, which takes any provider's return. */
  key(): string | undefined
  /** Its handlers, read at the time of use. */
  handlers(): CallbackHandlers
  /** Shows a step of the return (`exchange`, then the outcome). */
  show(action: ConnectAction): void
}

/** What settling a return needs, from the runtime in force when the client reads it. */
export interface ReturnDeps extends CallbackDeps {
  messages: ConnectMessages
}

/**
 * The library's memory of one app (one `PyasProvider`, or the default client of a document): the
 * returns it read, and the hooks mounted on it. Each return is read, checked and exchanged once,
 * and its outcome goes to the provider's handlers once and to exactly one hook once.
 */
export interface PyasClient {
  /** The return path (reading, exchanging, delivering, the popup's watch), loaded on first use. */
  load(): Promise<Returns>
  /**
   * Reads the return in `deps.location`'s URL (default: the page's) and settles it, once per
   * state; resolves `null` when there is none (or it was read already).
   */
  fromUrl(deps: ReturnDeps): Promise<CallbackEntry | null>
  /** Adds a hook; it may receive a kept outcome at once. Returns the removal. */
  mount(receiver: Receiver): () => void
  /** Reports a step to the provider's `onEvent` and to `receiver`'s. */
  emit: Emit
  /**
   * Takes the connect link the page was opened with (`?pyas_link=`) out of the address bar and
   * keeps it for the page's connects; its code loads only when the URL has one. Returns the load
   * while it runs (a connect waits for it, so no request goes without the link), else `undefined`.
   */
  takeLink(): Promise<void> | undefined
  /** The connect link the page was opened with, once taken, unless it was made for another provider. */
  link: LinkFor
}

export type Emit = (
  type: PyasEventType,
  provider: ProviderId | undefined,
  state: string | undefined,
  receiver?: Receiver,
) => void

/**
 * Creates a client. `handlers` are the `PyasProvider`'s own (read at the time of use); the
 * default client has none. What it does with a return lives in the return path, loaded with a
 * dynamic `import()` only when the page carries a `pyas_` return or a popup opens.
 */
export function createPyasClient(handlers: () => CallbackHandlers = () => ({})): PyasClient {
  const receivers: Receiver[] = []
  let returns: Returns | undefined
  let loading: Promise<Returns> | undefined
  let link: LinkFor | undefined
  let taking: Promise<void> | undefined
  let took = false
  const emit: Emit = (type, provider, state, receiver) => {
    emitEvent(handlers(), type, provider, state)
    emitEvent(receiver?.handlers(), type, provider, state)
  }
  const load = () => {
    loading ??= import('./returnPath.js').then((path) => {
      returns = path.createReturns(receivers, handlers, emit)
      return returns
    })
    return loading
  }
  return {
    load,
    async fromUrl(deps) {
      const where = () => deps.location ?? globalThis.location
      // Loading the return path takes a moment: read the return that was in the URL when asked,
      // never one that another app on the page put there in between.
      const asked = returnStateIn(where())
      if (!asked) return null
      const path = await load()
      return returnStateIn(where()) === asked ? path.fromUrl(deps) : null
    },
    mount(receiver) {
      receivers.push(receiver)
      returns?.mounted(receiver)
      return () => {
        const index = receivers.indexOf(receiver)
        if (index >= 0) receivers.splice(index, 1)
      }
    },
    emit,
    takeLink() {
      // Only a page whose URL may carry a connect link loads the code that reads it.
      if (!took && /[?&]pyas_link=/.test(globalThis.location?.search)) {
        took = true
        taking = import('./connectLink.js').then((module) => {
          link = module.takeLink()
          taking = undefined
        })
      }
      return taking
    },
    link: (provider) => link?.(provider),
  }
}

import { missingScopes } from './account.js'
import { ATTEMPT_TTL_MS } from './attempts.js'
import {
  type CallbackDeps,
  type CallbackEntry,
  type CallbackResult,
  settleCallback,
} from './callbackFlow.js'
import { type CallbackParams, readCallback } from './callbackUrl.js'
import type { ConnectAction } from './connectReducer.js'
import { emitEvent, type PyasEvent, type PyasEventType } from './events.js'
import { type ConnectMessages, localizeError } from './localizeError.js'
import type { PyasConnectError } from './PyasConnectError.js'
import type { ProviderId } from './providers.js'
import type { PyasAccount } from './types.js'

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
  /** The return in `deps.location`'s URL, settled once per state; `null` when there is none. */
  fromUrl(deps: ReturnDeps): CallbackEntry | null
  /** A return a popup handed over: settled once per state, the URL left alone, for `starter`. */
  fromMessage(params: CallbackParams, deps: ReturnDeps, starter?: Receiver): CallbackEntry
  /** Adds a hook; it may receive a kept outcome at once. Returns the removal. */
  mount(receiver: Receiver): () => void
  /** Reports a step to the provider's `onEvent` and to `receiver`'s. */
  emit(
    type: PyasEventType,
    provider: ProviderId | undefined,
    state: string | undefined,
    receiver?: Receiver,
  ): void
}

/** One return this client read, and where its outcome went. */
interface Return {
  entry: CallbackEntry
  starter?: Receiver
  receiver?: Receiver
  messages: ConnectMessages
  /** The outcome was shown by a hook (or nothing is left to show). */
  delivered: boolean
  at: number
}

/** What `onConnected` gets for a connected result. */
export const contextOf = (
  result: Extract<CallbackResult, { type: 'connected' }>,
): ConnectedContext => ({
  returnTo: result.returnTo,
  missingScopes: missingScopes(result.provider, result.account.scopes),
  emailMismatch: result.emailMismatch,
  replaces: result.replaces,
})

/** The action that shows `result`, and the event and handler that report it. */
function outcomeOf(result: CallbackResult, messages: ConnectMessages) {
  if (result.type === 'connected') {
    const context = contextOf(result)
    return {
      action: { type: 'connected', account: result.account, ...context } as ConnectAction,
      event: 'connected' as const,
      call: (handlers: CallbackHandlers) => handlers.onConnected?.(result.account, context),
    }
  }
  if (result.type === 'cancelled') {
    return {
      action: { type: 'cancel' } as ConnectAction,
      event: 'cancelled' as const,
      call: (handlers: CallbackHandlers) => handlers.onCancel?.(),
    }
  }
  const error = localizeError((result as { error: PyasConnectError }).error, messages)
  return {
    action: { type: 'fail', error } as ConnectAction,
    event: 'failed' as const,
    call: (handlers: CallbackHandlers) => handlers.onError?.(error),
  }
}

/**
 * Creates a client. `handlers` are the `PyasProvider`'s own (read at the time of use); the
 * default client has none.
 */
export function createPyasClient(handlers: () => CallbackHandlers = () => ({})): PyasClient {
  const receivers: Receiver[] = []
  const returns = new Map<string, Return>()

  const emit: PyasClient['emit'] = (type, provider, state, receiver) => {
    emitEvent(handlers(), type, provider, state)
    emitEvent(receiver?.handlers(), type, provider, state)
  }

  /**
   * The hook a return goes to: the hook that started it (a popup), else the first whose key is
   * the return's, else a `usePyasCallback`, else — when the return's provider is unknown (no
   * attempt record) — the first hook.
   */
  function receiverOf(ret: Return): Receiver | undefined {
    if (ret.starter && receivers.includes(ret.starter)) return ret.starter
    const { key } = ret.entry
    return (
      (key !== undefined && receivers.find((receiver) => receiver.key() === key)) ||
      receivers.find((receiver) => receiver.key() === undefined) ||
      (key === undefined ? receivers[0] : undefined)
    )
  }

  /** Hands a settled return to its receiver, once; without one, it waits for a later mount. */
  function deliver(ret: Return) {
    const result = ret.entry.settled
    if (!result || ret.delivered) return
    if (result.type === 'handed_off') {
      ret.delivered = true
      return
    }
    if (!ret.receiver || !receivers.includes(ret.receiver)) ret.receiver = receiverOf(ret)
    const { receiver } = ret
    if (!receiver) return
    ret.delivered = true
    const outcome = outcomeOf(result, ret.messages)
    receiver.show(outcome.action)
    const replayed = result.type === 'connected' && result.replayed
    if (replayed) return
    emitEvent(receiver.handlers(), outcome.event, result.provider, ret.entry.oauthState)
    outcome.call(receiver.handlers())
  }

  function start(entry: CallbackEntry, deps: ReturnDeps, starter?: Receiver): CallbackEntry {
    const ret: Return = { entry, messages: deps.messages, delivered: false, at: Date.now() }
    if (starter) ret.starter = starter
    returns.set(entry.oauthState, ret)
    const provider = () => entry.provider
    const showExchanging = () => {
      ret.receiver?.show({ type: 'exchange' })
      emit('exchanging', provider(), entry.oauthState, ret.receiver)
    }
    let assigned = false
    // A microtask later: every hook mounted in this commit (siblings, StrictMode's second run)
    // is known by then, so the one the return is for gets it.
    queueMicrotask(() => {
      assigned = true
      if (entry.settled?.type === 'handed_off') return
      ret.receiver = receiverOf(ret)
      emit('returned', provider(), entry.oauthState, ret.receiver)
      if (entry.exchanging) showExchanging()
    })
    entry.onExchanging = () => {
      if (assigned) showExchanging()
    }
    void entry.result.then((result) => {
      if (result.type === 'handed_off') {
        ret.delivered = true
        return
      }
      const replayed = result.type === 'connected' && result.replayed
      if (!replayed) {
        const outcome = outcomeOf(result, ret.messages)
        emitEvent(handlers(), outcome.event, result.provider, entry.oauthState)
        outcome.call(handlers())
      }
      deliver(ret)
    })
    return entry
  }

  return {
    fromUrl(deps) {
      const params = readCallback(deps.location)
      if (!params) return null
      const known = returns.get(params.state)
      if (known) return known.entry
      return start(settleCallback(params, deps, true), deps)
    },
    fromMessage(params, deps, starter) {
      const known = returns.get(params.state)
      if (known) return known.entry
      const { handOff: _, ...rest } = deps
      return start(settleCallback(params, rest, false), deps, starter)
    },
    mount(receiver) {
      receivers.push(receiver)
      // A return no hook could take yet goes to the first one that mounts and matches.
      const now = Date.now()
      for (const [state, ret] of returns) {
        if (now - ret.at > ATTEMPT_TTL_MS) returns.delete(state)
        else if (!ret.delivered && ret.entry.settled && receiverOf(ret) === receiver) deliver(ret)
      }
      return () => {
        const index = receivers.indexOf(receiver)
        if (index >= 0) receivers.splice(index, 1)
      }
    },
    emit,
  }
}

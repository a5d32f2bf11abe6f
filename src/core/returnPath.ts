/**
 * The return path, loaded with a dynamic `import()` only when a page carries a `pyas_` return or
 * a popup opens: reading the callback, checking its attempt, claiming and exchanging the code,
 * checking the account, the popup's hand-off and watch, and handing each outcome to the
 * `PyasProvider`'s handlers once and to one hook once. A page that only shows buttons never loads it.
 */
import { missingScopes } from './account.js'
import { ATTEMPT_TTL_MS } from './attempts.js'
import { type CallbackEntry, type CallbackResult, settleCallback } from './callbackFlow.js'
import { type CallbackParams, readCallback } from './callbackUrl.js'
import type { CallbackHandlers, ConnectedContext, Emit, Receiver, ReturnDeps } from './client.js'
import type { ConnectAction } from './connectReducer.js'
import { emitEvent } from './events.js'
import { type ConnectMessages, localizeError } from './localizeError.js'
import type { PyasConnectError } from './PyasConnectError.js'
import { handOffToOpener } from './popupChannel.js'
import { watchPopup } from './popupWindow.js'

export { handOffToOpener, watchPopup }

/** What a client does with returns, once the return path is loaded. */
export interface Returns {
  /** The return in the URL, settled once per state; `null` when there is none. */
  fromUrl(deps: ReturnDeps): CallbackEntry | null
  /** A return a popup handed over: settled once per state, the URL left alone, for `starter`. */
  fromMessage(params: CallbackParams, deps: ReturnDeps, starter?: Receiver): CallbackEntry
  /** A hook mounted: it takes a kept outcome no hook could take before, if it matches. */
  mounted(receiver: Receiver): void
  watchPopup: typeof watchPopup
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
 * The returns of one client: `receivers` are its mounted hooks (in mount order), `handlers` the
 * `PyasProvider`'s, `emit` reports an event to both.
 */
export function createReturns(
  receivers: Receiver[],
  handlers: () => CallbackHandlers,
  emit: Emit,
): Returns {
  const returns = new Map<string, Return>()
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
      const withHandOff = { handOff: handOffToOpener, ...deps }
      return start(settleCallback(params, withHandOff, true), deps)
    },
    fromMessage(params, deps, starter) {
      const known = returns.get(params.state)
      if (known) return known.entry
      const { handOff: _, ...rest } = deps
      return start(settleCallback(params, rest, false), deps, starter)
    },
    mounted(receiver) {
      // A return no hook could take yet goes to the first one that mounts and matches.
      const now = Date.now()
      for (const [state, ret] of returns) {
        if (now - ret.at > ATTEMPT_TTL_MS) returns.delete(state)
        else if (!ret.delivered && ret.entry.settled && receiverOf(ret) === receiver) deliver(ret)
      }
    },
    watchPopup,
  }
}

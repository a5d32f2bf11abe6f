import type { Dispatch, RefObject } from 'react'
import type { DocumentCallback } from '../core/callbackFlow.js'
import type { ConnectAction } from '../core/connectReducer.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import { missingScopes } from '../core/scopes.js'
import type { PyasAccount, PyasProvider } from '../core/types.js'
import { emitEvent, type PyasEvent, type PyasEventType } from './events.js'

/** What `onConnected` receives besides the account. */
export interface ConnectedContext {
  /** The same-origin path given as `returnTo` when the connect started, if any. */
  returnTo: string | undefined
  /** The provider's required calendar scopes the user did not grant (empty when all were). */
  missingScopes: string[]
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

/**
 * Reflects a settling callback into one hook's state and calls that hook's handlers once. A hook
 * for another provider ignores it (`provider` undefined means any). Returns a function that
 * detaches the hook (an unmount, or StrictMode's throw-away first effect run).
 */
export function followCallback(
  entry: DocumentCallback,
  provider: PyasProvider | undefined,
  dispatch: Dispatch<ConnectAction>,
  latest: RefObject<{ options: CallbackHandlers }>,
): () => void {
  const ours = (p: PyasProvider | undefined) => !provider || !p || p === provider
  if (!ours(entry.provider)) return () => {}
  // Joined after the result was in: show it, but the handlers already ran for this exchange.
  const late = entry.settledAt !== undefined
  let active = true
  const emit = (type: PyasEventType, p = entry.provider ?? provider) =>
    emitEvent(latest.current.options, type, p, entry.state)
  if (!late) {
    if (entry.exchanging) dispatch({ type: 'exchange' })
    // A microtask later, so StrictMode's throw-away first effect run reports nothing.
    queueMicrotask(() => {
      if (!active) return
      emit('returned')
      if (entry.exchanging) emit('exchanging')
    })
  }
  entry.result.then((result) => {
    if (!active || result.type === 'handed_off' || !ours(result.provider)) return
    const h = latest.current.options
    if (result.type === 'connected') {
      const missing = missingScopes(result.provider, result.account.scopes)
      dispatch({
        type: 'connected',
        account: result.account,
        missingScopes: missing,
        returnTo: result.returnTo,
      })
      if (late || result.replayed) return
      emit('connected', result.provider)
      h.onConnected?.(result.account, { returnTo: result.returnTo, missingScopes: missing })
    } else if (result.type === 'cancelled') {
      dispatch({ type: 'cancel' })
      if (late) return
      emit('cancelled', result.provider)
      h.onCancel?.()
    } else {
      dispatch({ type: 'fail', error: result.error })
      if (late) return
      emit('failed', result.provider)
      h.onError?.(result.error)
    }
  })
  return () => {
    active = false
  }
}

'use client'
import { type Dispatch, type RefObject, useEffect } from 'react'
import { getDocumentCallback } from '../core/callbackFlow.js'
import type { ConnectAction } from '../core/connectReducer.js'
import { canUseDOM } from '../core/env.js'
import { handOffToOpener } from '../core/popupChannel.js'
import type { PyasProvider } from '../core/types.js'
import { type CallbackHandlers, followCallback } from './followCallback.js'
import type { PyasRuntime } from './usePyasRuntime.js'

/** The latest render's handlers and runtime, as a hook keeps them. */
export type LatestHook = RefObject<{ options: CallbackHandlers; runtime: PyasRuntime }>

/**
 * Handles the callback this document returned with, if it is ours and for `provider` (any provider
 * when `provider` is undefined). Every mounted hook calls its own handlers once per exchange. In a
 * popup, the callback is handed to the opener, which does the exchange.
 */
export function useCallbackResult(
  latest: LatestHook,
  provider: PyasProvider | undefined,
  dispatch: Dispatch<ConnectAction>,
): void {
  useEffect(() => {
    if (!canUseDOM()) return
    const { getStorage, client } = latest.current.runtime
    const entry = getDocumentCallback(
      { getStorage, client, handOff: (_, params) => handOffToOpener(params) },
      provider,
    )
    return entry ? followCallback(entry, provider, dispatch, latest) : undefined
  }, [latest, provider, dispatch])
}

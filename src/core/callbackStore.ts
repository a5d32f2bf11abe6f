import { readAttempt, readOutcome } from './attempts.js'
import { type CallbackDeps, type CallbackEntry, settleCallback } from './callbackFlow.js'
import { type CallbackParams, readCallback } from './callbackUrl.js'
import type { ProviderId } from './providers.js'

/**
 * What one React Query client (so one app, or one test) remembers about the callbacks it read on
 * this page: each is settled once however many hooks ask, and the latest is shown to hooks that
 * mount after the address bar was cleaned. A fresh client starts with a fresh store: nothing here
 * is shared between clients, and nothing expires on a timer.
 */
export interface CallbackStore {
  /**
   * The callback in the address bar, settled once per state: the first caller starts it (cleaning
   * the URL), later callers (StrictMode's second effect, a sibling button, a remount) get the same
   * entry. With no callback in the URL, the latest one this store read. `null` when there is none,
   * or when the URL's callback belongs to another provider than `provider` (a hook for that
   * provider, or one for any provider, takes it; an unknown or unreadable attempt is anyone's).
   */
  fromUrl(deps: CallbackDeps, provider?: ProviderId): CallbackEntry | null
  /** A callback a popup handed over by message: settled once per state, the URL left alone. */
  fromMessage(params: CallbackParams, deps: CallbackDeps): CallbackEntry
  /** The latest callback this store read, if any. */
  latest(): CallbackEntry | undefined
  /** Calls `listener` whenever a new callback becomes the latest. */
  subscribe(listener: () => void): () => void
}

/** The provider a callback's attempt (or kept outcome) names; undefined when unknown or unreadable. */
function ownerOf(params: CallbackParams, deps: CallbackDeps): ProviderId | undefined {
  try {
    const storage = deps.getStorage()
    const now = (deps.now ?? Date.now)()
    return (readOutcome(storage, params.state, now) ?? readAttempt(storage, params.state))?.provider
  } catch {
    return undefined
  }
}

export function createCallbackStore(): CallbackStore {
  const entries = new Map<string, CallbackEntry>()
  const listeners = new Set<() => void>()
  let latest: CallbackEntry | undefined

  const settle = (params: CallbackParams, deps: CallbackDeps, cleanUrl: boolean) => {
    const entry = settleCallback(params, deps, cleanUrl)
    entries.set(params.state, entry)
    latest = entry
    for (const listener of [...listeners]) listener()
    return entry
  }

  return {
    fromUrl(deps, provider) {
      const params = readCallback(deps.location)
      if (!params) return latest ?? null
      const known = entries.get(params.state)
      if (known) return known
      const owner = provider && ownerOf(params, deps)
      if (owner && owner !== provider) return null
      return settle(params, deps, true)
    },
    fromMessage: (params, deps) => entries.get(params.state) ?? settle(params, deps, false),
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

import {
  type AttemptRecord,
  isExpired,
  readAttempt,
  readOutcome,
  removeAttempt,
  type StoredOutcome,
  sweep,
} from './attempts.js'
import { type CallbackParams, cleanCallbackUrl, readCallback } from './callbackUrl.js'
import { type ExchangeDeps, exchangeOnce } from './exchangeOnce.js'
import {
  PyasConnectError,
  type PyasConnectErrorCode,
  toPyasConnectError,
} from './PyasConnectError.js'
import type { ProxyClient } from './proxyClient.js'
import type { PyasAccount, PyasProvider } from './types.js'

/** How a callback ended, for every hook of its provider on the page. */
export type CallbackResult =
  | {
      type: 'connected'
      provider: PyasProvider
      account: PyasAccount
      returnTo?: string
      replayed: boolean
    }
  | { type: 'cancelled'; provider?: PyasProvider }
  | { type: 'error'; provider?: PyasProvider; error: PyasConnectError }
  /** A popup handed its callback to the window that opened it; nothing more to show here. */
  | { type: 'handed_off'; provider: PyasProvider }

/** The one callback this document returned with, shared by every hook that mounts for it. */
/** What settling a callback learns synchronously, before its result is in. */
interface CallbackProgress {
  state: string
  /** Known once the attempt record was read; `undefined` when there was no record. */
  provider?: PyasProvider
  /** True once the exchange request is under way (or being waited for in another tab). */
  exchanging: boolean
  settledAt?: number
}

export interface DocumentCallback extends CallbackProgress {
  result: Promise<CallbackResult>
}

export interface CallbackDeps {
  getStorage: () => Storage
  client: ProxyClient
  location?: Pick<Location, 'search' | 'href'>
  history?: Pick<History, 'replaceState' | 'state'>
  now?: () => number
  locks?: ExchangeDeps['locks']
  /** Called for a popup attempt; returns true when the opener took the callback over. */
  handOff?: (record: AttemptRecord, params: CallbackParams) => Promise<boolean>
}

/** Hooks that mount this soon after a callback settled still show its result (no callbacks). */
export const JOIN_WINDOW_MS = 10_000

const callbacks = new Map<string, DocumentCallback>()
let latest: DocumentCallback | undefined

export function fromOutcome(outcome: StoredOutcome, replayed: boolean): CallbackResult {
  const { provider } = outcome
  if (outcome.status === 'connected') {
    const { account, returnTo } = outcome
    return returnTo
      ? { type: 'connected', provider, account, returnTo, replayed }
      : { type: 'connected', provider, account, replayed }
  }
  const error = new PyasConnectError(outcome.code as PyasConnectErrorCode, {
    message: outcome.message,
    status: outcome.httpStatus,
  })
  return { type: 'error', provider, error }
}

/** A cancel or an error, naming the provider only when it is known. */
const ended = (provider: PyasProvider | undefined, error?: PyasConnectError): CallbackResult => {
  const result = (error ? { type: 'error', error } : { type: 'cancelled' }) as CallbackResult
  return provider ? { ...result, provider } : result
}

async function process(
  entry: CallbackProgress,
  params: CallbackParams,
  deps: CallbackDeps,
  cleanUrl: boolean,
): Promise<CallbackResult> {
  let cleaned = !cleanUrl
  const clean = () => {
    if (!cleaned) cleanCallbackUrl(deps.location, deps.history)
    cleaned = true
  }
  try {
    return await settle(entry, params, deps, clean)
  } catch (thrown) {
    // Storage that throws (blocked, full) is the one failure nothing above maps; anything else that
    // escapes becomes a typed error too, so a hook never hangs on a rejected callback.
    const error =
      thrown instanceof DOMException
        ? new PyasConnectError('storage_unavailable', { cause: thrown })
        : toPyasConnectError(thrown)
    try {
      clean()
    } catch {
      // The address bar could not be cleaned; the error above is what matters.
    }
    return ended(entry.provider, error)
  }
}

async function settle(
  entry: CallbackProgress,
  params: CallbackParams,
  deps: CallbackDeps,
  clean: () => void,
): Promise<CallbackResult> {
  const now = deps.now ?? Date.now
  const { state } = params
  // Everything up to the first await runs synchronously, so the address bar is cleaned before any
  // request leaves and before a sibling hook's effect looks at it.
  let storage: Storage
  try {
    storage = deps.getStorage()
    sweep(storage, now())
  } catch (cause) {
    throw new PyasConnectError('storage_unavailable', { cause })
  }
  const kept = readOutcome(storage, state, now())
  const record = readAttempt(storage, state)
  clean()
  if (kept) return fromOutcome(kept, true)
  const provider = record?.provider
  entry.provider = provider
  if (record?.mode === 'popup' && deps.handOff && (await deps.handOff(record, params))) {
    return { type: 'handed_off', provider: record.provider }
  }
  if (params.error) {
    if (record) removeAttempt(storage, state)
    if (params.error === 'access_denied') return ended(provider)
    const error = new PyasConnectError('provider_error', {
      message: params.errorDescription || `The provider said "${params.error}". Try again.`,
      cause: params,
    })
    return { type: 'error', provider, error }
  }
  if (!record) return ended(undefined, new PyasConnectError('state_mismatch'))
  if (isExpired(record.createdAt, now())) {
    return ended(record.provider, new PyasConnectError('expired_attempt'))
  }
  entry.exchanging = true
  const exchanged = await exchangeOnce(
    { storage, client: deps.client, now, locks: deps.locks },
    record,
    params.code!,
  )
  if (exchanged.error) return ended(record.provider, exchanged.error)
  return fromOutcome(exchanged.outcome, exchanged.replayed)
}

/**
 * Settles one callback: reads its attempt, cleans the address bar (when the callback came through
 * it, not through a popup's message) and exchanges the code once.
 */
export function startCallback(
  params: CallbackParams,
  deps: CallbackDeps,
  cleanUrl: boolean,
): DocumentCallback {
  const progress: CallbackProgress = { state: params.state, exchanging: false }
  const result = process(progress, params, deps, cleanUrl).then((settled) => {
    progress.settledAt = (deps.now ?? Date.now)()
    return settled
  })
  // The same object: hooks read `provider` and `exchanging` as `process` fills them in.
  return Object.assign(progress, { result })
}

/** The provider a callback's attempt (or kept outcome) names; undefined when unknown or unreadable. */
function ownerOf(params: CallbackParams, deps: CallbackDeps): PyasProvider | undefined {
  try {
    const storage = deps.getStorage()
    const { state } = params
    return (readOutcome(storage, state, (deps.now ?? Date.now)()) ?? readAttempt(storage, state))
      ?.provider
  } catch {
    return undefined
  }
}

/**
 * The callback this document returned with, processed once however many hooks ask: the first
 * caller reads the URL and starts the exchange; later callers (StrictMode's second effect, a sibling
 * button, a remount) join it even though the URL is clean by then. `null` when there is none, or
 * when it belongs to another provider than `provider` (a hook for that provider, or one for any
 * provider, handles it; an unknown or unreadable attempt is anyone's, to report the error).
 */
export function getDocumentCallback(
  deps: CallbackDeps,
  provider?: PyasProvider,
): DocumentCallback | null {
  const params = readCallback(deps.location)
  if (params) {
    const known = callbacks.get(params.state)
    if (known) return known
    const owner = provider && ownerOf(params, deps)
    if (owner && owner !== provider) return null
    const entry = startCallback(params, deps, true)
    callbacks.set(params.state, entry)
    latest = entry
    return entry
  }
  if (!latest) return null
  const settledAt = latest.settledAt
  return settledAt === undefined || (deps.now ?? Date.now)() - settledAt < JOIN_WINDOW_MS
    ? latest
    : null
}

/** Forgets processed callbacks. For tests; a page never needs it. */
export function resetDocumentCallbacks(): void {
  callbacks.clear()
  latest = undefined
}

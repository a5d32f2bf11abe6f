/**
 * The return path, loaded with a dynamic `import()` only when a page carries a `pyas_` return or
 * a popup opens: reading the callback, checking its attempt, claiming and exchanging the code,
 * checking the account, the popup's hand-off and watch, and handing each outcome to the
 * `PyasProvider`'s handlers once and to one hook once. A page that only shows buttons never loads it.
 */
import { connectedAccount, isEmailMismatch, missingScopes } from './account.js'
import {
  ATTEMPT_TTL_MS,
  type AttemptRecord,
  isExpired,
  readAttempt,
  readClaim,
  readOutcome,
  removeAttempt,
  type StoredOutcome,
  saveOutcome,
  sweep,
  withDefined,
  writeClaim,
} from './attempts.js'
import { type CallbackParams, cleanCallbackUrl, readCallback } from './callbackUrl.js'
import {
  type CallbackHandlers,
  type ConnectedContext,
  type Emit,
  type Receiver,
  type ReturnDeps,
  returnKey,
} from './client.js'
import type { ConnectAction } from './connectReducer.js'
import { warnDeveloper } from './developerHints.js'
import { createMemoryStorage, randomBase64Url } from './env.js'
import { emitEvent } from './events.js'
import { type ConnectMessages, localizeError } from './localizeError.js'
import {
  otherTabError,
  PyasConnectError,
  type PyasConnectErrorCode,
  toPyasConnectError,
} from './PyasConnectError.js'
import { handOffToOpener } from './popupChannel.js'
import { watchPopup } from './popupWindow.js'
import type { ProviderId } from './providers.js'
import type { ProxyClient } from './proxyClient.js'
import type { PyasAccount } from './types.js'

// ——— Settling one return: read its attempt, clean the URL, exchange the code once ———

/** How a callback ended, for every hook of its provider on the page. */
export type CallbackResult =
  | {
      type: 'connected'
      provider: ProviderId
      account: PyasAccount
      returnTo?: string
      /** The connected email differs from the one the attempt was started with. */
      emailMismatch: boolean
      /** The `accountId` of the saved account this connect reconnected. */
      replaces?: string
      replayed: boolean
    }
  | { type: 'cancelled'; provider?: ProviderId }
  | { type: 'error'; provider?: ProviderId; error: PyasConnectError }
  /** A popup handed its callback to the window that opened it; nothing more to show here. */
  | { type: 'handed_off'; provider?: ProviderId }

/** One callback being settled. Hooks read `provider` and `exchanging` as settling fills them in. */
export interface CallbackEntry {
  /** The OAuth `state` of the callback. */
  oauthState: string
  /** Known once the attempt record was read; `undefined` when there was no record. */
  provider?: ProviderId
  /**
   * Who the return is for: the attempt's provider, and the saved account it reconnects
   * (`google:acc_1`, or `google:` for a plain connect). `undefined` with no attempt record.
   */
  key?: string
  /** True once the exchange request is under way (or being waited for in another tab). */
  exchanging: boolean
  /** Called when `exchanging` becomes true. */
  onExchanging?: () => void
  /** The result, once it is in: a hook that joins after that shows it without its handlers. */
  settled?: CallbackResult
  result: Promise<CallbackResult>
}

export interface CallbackDeps {
  getStorage: () => Storage
  client: ProxyClient
  location?: Pick<Location, 'search' | 'href'>
  history?: Pick<History, 'replaceState' | 'state'>
  now?: () => number
  /**
   * In a popup: offers the callback to the window that opened it; resolves true when it took it
   * over. Called for a popup attempt, and for a callback with no attempt record (the opener may be
   * a cross-site frame whose storage this window cannot see).
   */
  handOff?: (record: AttemptRecord | undefined, params: CallbackParams) => Promise<boolean>
}

/** The provider's `error_description` is attacker-controllable text in a link: keep it short. */
export const MAX_DESCRIPTION = 300

// Microsoft Entra: AADSTS90093/90094 (an administrator must grant permission), AADSTS65001 (no
// consent given) — the last only means admin consent when the error is `consent_required`.
const ADMIN_ALWAYS = /\bAADSTS9009[34]\b/
const ADMIN_IF_CONSENT_REQUIRED = /\bAADSTS65001\b/

/** The error a provider's `?error=` maps to; `null` for a plain cancel (`access_denied`). */
export function providerErrorOf(params: CallbackParams): PyasConnectError | null {
  const providerError = params.error ?? ''
  const description = params.errorDescription?.slice(0, MAX_DESCRIPTION) || undefined
  const text = description ?? ''
  const admin =
    providerError === 'admin_policy_enforced' ||
    ADMIN_ALWAYS.test(text) ||
    (providerError === 'consent_required' && ADMIN_IF_CONSENT_REQUIRED.test(text))
  if (!admin && providerError === 'access_denied') return null
  return new PyasConnectError(admin ? 'admin_consent_required' : 'provider_error', {
    providerError,
    description,
    cause: { error: providerError, description },
  })
}

export function fromOutcome(outcome: StoredOutcome, replayed: boolean): CallbackResult {
  const { provider } = outcome
  if (outcome.status === 'connected') {
    const { account, returnTo, email } = outcome
    const emailMismatch = isEmailMismatch(email, account.email)
    const result: CallbackResult = { type: 'connected', provider, account, emailMismatch, replayed }
    // A hint for the page, and only when the user reconnected that very account: one who picked
    // another account on the consent screen (or an altered record) gets a new row, not a swap.
    const replaces = outcome.replaces === account.accountId ? outcome.replaces : undefined
    return withDefined(result, { returnTo, replaces })
  }
  const error = new PyasConnectError(outcome.code as PyasConnectErrorCode, {
    status: outcome.httpStatus,
  })
  return { type: 'error', provider, error }
}

/** A cancel or an error, naming the provider only when it is known. */
const ended = (
  provider: ProviderId | undefined,
  error?: PyasConnectError | null,
): CallbackResult => {
  const result = (error ? { type: 'error', error } : { type: 'cancelled' }) as CallbackResult
  return provider ? { ...result, provider } : result
}

async function settle(
  entry: CallbackEntry,
  params: CallbackParams,
  deps: CallbackDeps,
  clean: () => void,
): Promise<CallbackResult> {
  const now = deps.now ?? Date.now
  const { state } = params
  // Everything up to the first await runs synchronously, so the address bar is cleaned before any
  // request leaves and before a sibling hook's effect looks at it.
  let storage: Storage | undefined
  let record: AttemptRecord | undefined
  let unavailable: unknown
  try {
    storage = deps.getStorage()
    sweep(storage, now())
    const kept = readOutcome(storage, state, now())
    record = readAttempt(storage, state)
    clean()
    const source = kept ?? record
    if (source) {
      entry.provider = source.provider
      entry.key = returnKey(source.provider, 'replaces' in source ? source.replaces : undefined)
    }
    if (kept) return fromOutcome(kept, true)
  } catch (cause) {
    // Blocked storage (or a cross-site frame's popup, which cannot see the frame's): a provider
    // error is still shown, and an opener may still take the callback; otherwise it is an error.
    clean()
    storage = undefined
    unavailable = cause
  }
  const provider = record?.provider
  if (
    (!record || record.mode === 'popup') &&
    deps.handOff &&
    (await deps.handOff(record, params))
  ) {
    return provider ? { type: 'handed_off', provider } : { type: 'handed_off' }
  }
  if (params.error) {
    if (record && storage) removeAttempt(storage, state)
    return ended(provider, providerErrorOf(params))
  }
  if (!storage) throw new PyasConnectError('storage_unavailable', { cause: unavailable })
  if (!record) return ended(undefined, warnDeveloper(new PyasConnectError('state_mismatch')))
  if (isExpired(record.createdAt, now())) {
    return ended(record.provider, new PyasConnectError('expired_attempt'))
  }
  entry.exchanging = true
  entry.onExchanging?.()
  const exchanged = await exchangeOnce(
    { storage, client: deps.client, now },
    record,
    params.code as string,
  )
  if (exchanged.error) return ended(record.provider, exchanged.error)
  return fromOutcome(exchanged.outcome, exchanged.replayed)
}

/**
 * Settles one callback: reads its attempt, cleans the address bar (when the callback came through
 * it, not through a popup's message) and exchanges the code once. Never rejects: whatever goes
 * wrong becomes an error result, so a hook never hangs on a callback.
 */
export function settleCallback(
  params: CallbackParams,
  deps: CallbackDeps,
  cleanUrl: boolean,
): CallbackEntry {
  let cleaned = !cleanUrl
  const clean = () => {
    if (!cleaned) cleanCallbackUrl(deps.location, deps.history)
    cleaned = true
  }
  const entry = { oauthState: params.state, exchanging: false } as CallbackEntry
  entry.result = settle(entry, params, deps, clean)
    .catch((thrown: unknown): CallbackResult => {
      // Storage that throws (blocked, full) is the one failure nothing above maps; anything else
      // that escapes becomes a typed error too.
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
    })
    .then((result) => {
      entry.settled = result
      return result
    })
  return entry
}

// ——— The exchange, once across tabs ———

/** How long a tab waits for another tab's exchange of the same code. */
export const CLAIM_WAIT_MS = 30_000

export interface ExchangeDeps {
  storage: Storage
  client: ProxyClient
  now: () => number
  /** Poll interval while waiting for another tab. @defaultValue 100 */
  pollMs?: number
}

/** An outcome, and whether it was replayed (found, not produced by this call). */
export interface ExchangeResult {
  outcome: StoredOutcome
  replayed: boolean
  /** The original error, when this call produced an error outcome (it keeps `retryAfter` etc.). */
  error?: PyasConnectError
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitForOutcome(deps: ExchangeDeps, state: string): Promise<StoredOutcome> {
  const deadline = deps.now() + CLAIM_WAIT_MS
  while (deps.now() < deadline) {
    await sleep(deps.pollMs ?? 100)
    const outcome = readOutcome(deps.storage, state, deps.now())
    if (outcome) return outcome
  }
  throw otherTabError()
}

/** The browser's Web Locks, when it has them (every current browser; not jsdom, not old Safari). */
const webLocks = (): LockManager | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.locks

/**
 * Exchanges `code` for `record.state` at most once across tabs. Where the browser has Web Locks,
 * the whole claim-exchange-store runs under `pyas:exchange:<state>`, so any number of tabs loading
 * the same callback URL send one POST and the others read its outcome. Without them, a claim in
 * storage tells a later tab to wait for the first tab's outcome instead of spending the code again
 * (two tabs can still read the storage at the same instant: that is why the lock comes first).
 */
export async function exchangeOnce(
  deps: ExchangeDeps,
  record: AttemptRecord,
  code: string,
): Promise<ExchangeResult> {
  const { storage, now } = deps
  const { state, provider, returnTo, email, replaces } = record
  // A fresh id per exchange, not per tab: without Web Locks, two exchanges in one tab must not
  // both take the claim as their own.
  const owner = randomBase64Url(9)
  const exclusive = async (): Promise<ExchangeResult> => {
    const kept = readOutcome(storage, state, now())
    if (kept) return { outcome: kept, replayed: true }
    const claim = readClaim(storage, state)
    if (claim && claim.owner !== owner && now() - claim.at < CLAIM_WAIT_MS) {
      return { outcome: await waitForOutcome(deps, state), replayed: true }
    }
    writeClaim(storage, state, owner, now())
    let result: ExchangeResult
    try {
      const account = await deps.client.connect(
        provider,
        { code, name: record.name, link: record.link },
        connectedAccount(provider),
      )
      const outcome: StoredOutcome = { status: 'connected', provider, account, at: now() }
      result = { outcome: withDefined(outcome, { returnTo, email, replaces }), replayed: false }
    } catch (thrown) {
      const error = toPyasConnectError(thrown)
      const { code, status } = error
      const outcome: StoredOutcome = { status: 'error', provider, code, at: now() }
      if (status !== undefined) outcome.httpStatus = status
      result = { outcome, replayed: false, error }
    }
    try {
      // Two tabs without Web Locks may both have spent the code: the loser's `invalid_grant` must
      // not replace the winner's account, or a reload would replay the error.
      const stored = result.error && readOutcome(storage, state, now())
      if (stored && stored.status === 'connected') return { outcome: stored, replayed: true }
      saveOutcome(storage, state, result.outcome)
      removeAttempt(storage, state)
    } catch {
      // The code is spent and the account exists at Pyas: a storage that fills up now must not
      // lose it. Only a replay of this callback URL (which needs the kept outcome) is lost.
    }
    return result
  }
  const locks = webLocks()
  if (!locks) return exclusive()
  // A tab waits for the lock as long as another tab waits for the claim, then gives up.
  const controller = new AbortController()
  const abort = setTimeout(() => controller.abort(), CLAIM_WAIT_MS)
  let granted = false
  try {
    return await locks.request(`pyas:exchange:${state}`, { signal: controller.signal }, () => {
      granted = true
      clearTimeout(abort)
      return exclusive()
    })
  } catch (thrown) {
    if (granted) throw thrown
    if (controller.signal.aborted) throw otherTabError()
    // Refused outright (a frame whose browser blocks its storage has no locks either): the
    // claim in storage is all there is, as in a browser without Web Locks.
    return exclusive()
  } finally {
    clearTimeout(abort)
  }
}

// ——— Delivering outcomes: the provider's handlers once, one hook once ———

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
  /** A storage in memory, for a popup's attempt where site storage is blocked. */
  memoryStorage: typeof createMemoryStorage
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
    memoryStorage: createMemoryStorage,
  }
}

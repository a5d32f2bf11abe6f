import { isEmailMismatch } from './account.js'
import {
  type AttemptRecord,
  isExpired,
  readAttempt,
  readOutcome,
  removeAttempt,
  type StoredOutcome,
  sweep,
  withDefined,
} from './attempts.js'
import { type CallbackParams, cleanCallbackUrl } from './callbackUrl.js'
import { warnDeveloper } from './developerHints.js'
import { exchangeOnce } from './exchangeOnce.js'
import {
  PyasConnectError,
  type PyasConnectErrorCode,
  toPyasConnectError,
} from './PyasConnectError.js'
import type { ProviderId } from './providers.js'
import type { ProxyClient } from './proxyClient.js'
import type { PyasAccount } from './types.js'

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

/** Who a return (or a hook) is for: the provider, and the saved account it reconnects. */
export const returnKey = (provider: ProviderId, savedAccountId?: string): string =>
  `${provider}:${savedAccountId ?? ''}`

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

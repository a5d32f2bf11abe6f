import { readAccount } from './account.js'
import { isLinkToken } from './connectLink.js'
import { randomBase64Url } from './env.js'
import { isRecord } from './errorFromResponse.js'
import { isProviderId, type ProviderId } from './providers.js'
import { safeReturnTo } from './safeReturnTo.js'
import type { PyasAccount } from './types.js'

/** How a connect attempt leaves the page. */
export type ConnectMode = 'redirect' | 'popup'

/** What the browser remembers about a connect it started, under `pyas:attempt:<state>`. */
export interface AttemptRecord {
  state: string
  provider: ProviderId
  name: string
  email?: string
  returnTo?: string
  mode: ConnectMode
  createdAt: number
  /** The `accountId` of the saved account this attempt reconnects. */
  replaces?: string
  /** The token of the connect link this attempt runs from, sent again with the code exchange. */
  link?: string
}

/** The result of the one exchange for a state, kept so a reload shows it again. */
export type StoredOutcome =
  | {
      status: 'connected'
      provider: ProviderId
      account: PyasAccount
      returnTo?: string
      /** The email the attempt was started with, for `emailMismatch` on a replay. */
      email?: string
      replaces?: string
      at: number
    }
  | {
      status: 'error'
      provider: ProviderId
      code: string
      httpStatus?: number
      at: number
    }

export const STATE_PREFIX = 'pyas_'
/** An attempt (and an outcome) is valid for 15 minutes. */
export const ATTEMPT_TTL_MS = 15 * 60 * 1000
/** Expired records stay readable this long, to tell `expired_attempt` from `state_mismatch`. */
export const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000

/** What the library keeps per state, each under its own key `pyas:<kind>:<state>`. */
type Kind = 'attempt' | 'claim' | 'outcome'

const keyOf = (kind: Kind, state: string) => `pyas:${kind}:${state}`

const put = (storage: Storage, kind: Kind, state: string, value: unknown): void =>
  storage.setItem(keyOf(kind, state), JSON.stringify(value))

/** The parsed value, `undefined` when absent or unreadable. A storage that throws still throws. */
function read<T>(storage: Storage, key: string): T | undefined {
  const raw = storage.getItem(key)
  try {
    return JSON.parse(raw as string) ?? undefined
  } catch {
    return undefined
  }
}

const get = <T>(storage: Storage, kind: Kind, state: string): T | undefined =>
  read(storage, keyOf(kind, state))

/** A fresh, unguessable state: `pyas_` + base64url of 32 random bytes. */
export const createState = (crypto?: Pick<Crypto, 'getRandomValues'>): string =>
  STATE_PREFIX + randomBase64Url(32, crypto)

export const isPyasState = (state: unknown): state is string =>
  typeof state === 'string' && state.startsWith(STATE_PREFIX) && state.length > STATE_PREFIX.length

/** Saves an attempt under its own key; throws if storage is unavailable (the caller maps it). */
export const saveAttempt = (storage: Storage, record: AttemptRecord): void =>
  put(storage, 'attempt', record.state, record)

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined

/** `target` with those of `fields` that have a value: absent ones leave no key, as in JSON. */
export function withDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(target, { [key]: value })
  }
  return target
}

/**
 * The attempt for `state`, re-checked as it is read: storage is the page's, but anything on the
 * origin (an extension, an XSS elsewhere, an old version) can write to it. A record whose provider
 * is unknown or whose `createdAt` is not a finite number is treated as missing; a `returnTo` that
 * is not a same-origin path is dropped, as when written, and so is a `link` that is not a well-formed
 * token.
 */
export function readAttempt(storage: Storage, state: string): AttemptRecord | undefined {
  const value = get(storage, 'attempt', state)
  if (!isRecord(value) || !isProviderId(value.provider)) return undefined
  const { createdAt } = value
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined
  const record: AttemptRecord = {
    state,
    provider: value.provider,
    name: typeof value.name === 'string' ? value.name : '',
    mode: value.mode === 'popup' ? 'popup' : 'redirect',
    createdAt,
  }
  return withDefined(record, {
    email: optionalText(value.email),
    returnTo: safeReturnTo(value.returnTo),
    replaces: optionalText(value.replaces),
    link: isLinkToken(value.link) ? value.link : undefined,
  })
}

export const removeAttempt = (storage: Storage, state: string): void =>
  storage.removeItem(keyOf('attempt', state))

export const isExpired = (createdAt: number, now: number): boolean =>
  now - createdAt > ATTEMPT_TTL_MS

/** Marks the code for `state` as being exchanged by `owner`, so another tab waits instead. */
export const writeClaim = (storage: Storage, state: string, owner: string, now: number): void =>
  put(storage, 'claim', state, { owner, at: now })

export const readClaim = (
  storage: Storage,
  state: string,
): { owner: string; at: number } | undefined => get(storage, 'claim', state)

export const saveOutcome = (storage: Storage, state: string, outcome: StoredOutcome): void =>
  put(storage, 'outcome', state, outcome)

/** The kept outcome for `state`, if it is younger than the TTL. */
export function readOutcome(
  storage: Storage,
  state: string,
  now: number,
): StoredOutcome | undefined {
  const value = get(storage, 'outcome', state)
  // Re-checked like an attempt: a kept outcome is replayed into the app's handlers and UI.
  if (!isRecord(value) || !isProviderId(value.provider)) return undefined
  const { provider, at } = value
  if (typeof at !== 'number' || !Number.isFinite(at) || isExpired(at, now)) return undefined
  if (value.status === 'error') {
    if (typeof value.code !== 'string') return undefined
    const httpStatus = typeof value.httpStatus === 'number' ? value.httpStatus : undefined
    return withDefined<StoredOutcome>(
      { status: 'error', provider, code: value.code, at },
      { httpStatus },
    )
  }
  const account = value.status === 'connected' && readAccount(value.account, provider)
  if (!account) return undefined
  return withDefined<StoredOutcome>(
    { status: 'connected', provider, account, at },
    {
      returnTo: safeReturnTo(value.returnTo),
      email: optionalText(value.email),
      replaces: optionalText(value.replaces),
    },
  )
}

/**
 * Drops what is no longer useful: outcomes past their TTL, and attempts and claims older than a
 * day. Never throws: a sweep is housekeeping.
 */
export function sweep(storage: Storage, now: number): void {
  try {
    const keys: string[] = []
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)
      if (key?.startsWith('pyas:')) keys.push(key)
    }
    for (const key of keys) {
      const value = read<{ createdAt?: number; at?: number }>(storage, key)
      const at = value?.createdAt ?? value?.at ?? 0
      const limit = key.startsWith(keyOf('outcome', '')) ? ATTEMPT_TTL_MS : SWEEP_AFTER_MS
      if (now - at > limit) storage.removeItem(key)
    }
  } catch {
    // Storage that fails here fails loudly where it matters: when an attempt is saved.
  }
}

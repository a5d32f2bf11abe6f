import { randomBase64Url } from './env.js'
import type { PyasAccount, PyasProvider } from './types.js'

/** How a connect attempt leaves the page. */
export type ConnectMode = 'redirect' | 'popup'

/** What the browser remembers about a connect it started, under `pyas:attempt:<state>`. */
export interface AttemptRecord {
  state: string
  provider: PyasProvider
  name: string
  email?: string
  returnTo?: string
  mode: ConnectMode
  createdAt: number
}

/** The result of the one exchange for a state, kept so a reload shows it again. */
export type StoredOutcome =
  | {
      status: 'connected'
      provider: PyasProvider
      account: PyasAccount
      returnTo?: string
      at: number
    }
  | {
      status: 'error'
      provider: PyasProvider
      code: string
      message: string
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

export const readAttempt = (storage: Storage, state: string): AttemptRecord | undefined =>
  get(storage, 'attempt', state)

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
  const outcome = get<StoredOutcome>(storage, 'outcome', state)
  return outcome && !isExpired(outcome.at, now) ? outcome : undefined
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

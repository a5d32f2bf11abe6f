import {
  type AttemptRecord,
  readClaim,
  readOutcome,
  removeAttempt,
  type StoredOutcome,
  saveOutcome,
  withDefined,
  writeClaim,
} from './attempts.js'
import { randomBase64Url } from './env.js'
import { otherTabError, type PyasConnectError, toPyasConnectError } from './PyasConnectError.js'
import type { ProxyClient } from './proxyClient.js'

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
      const account = await deps.client.connect(provider, { code, name: record.name })
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

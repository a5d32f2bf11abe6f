import { vi } from 'vitest'
import type { AttemptRecord } from '../../src/core/attempts.js'
import type { PyasConnectErrorCode } from '../../src/core/PyasConnectError.js'
import { type ProviderId, REQUIRED_SCOPES } from '../../src/core/providers.js'
import type { ProxyClient } from '../../src/core/proxyClient.js'
import type { PyasAccount } from '../../src/core/types.js'

/** Every error code of the public contract. */
export const ERROR_CODES: readonly PyasConnectErrorCode[] = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'invalid_grant',
  'state_mismatch',
  'expired_attempt',
  'provider_error',
  'admin_consent_required',
  'rate_limited',
  'network',
  'proxy_error',
  'popup_blocked',
  'popup_closed',
  'storage_unavailable',
  'embedded_browser',
  'link_invalid',
]

/** Property tests run from a fixed seed so the suite is deterministic; change it to explore. */
export const PROPERTY_SEED = 20250101

/** A fixed clock for tests: 2025-01-01T00:00:00Z. */
export const NOW = Date.UTC(2025, 0, 1)
export const MINUTE = 60 * 1000
export const STATE = `pyas_${'A'.repeat(43)}`
export const OTHER_STATE = `pyas_${'B'.repeat(43)}`

/** A real, Map-backed `Storage`, so each test gets its own "browser profile". */
export function memoryStorage(initial: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(initial))
  const storage = {
    get length() {
      return map.size
    },
    key: (index: number) => [...map.keys()][index] ?? null,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      map.set(key, String(value))
    },
    removeItem: (key: string) => {
      map.delete(key)
    },
    clear: () => map.clear(),
  }
  return storage as Storage
}

const blocked = () => new DOMException('The operation is insecure.', 'SecurityError')

/** Storage as some browsers expose it with site data blocked: every access throws. */
export function throwingStorage(): Storage {
  const fail = (): never => {
    throw blocked()
  }
  const storage = {
    get length(): number {
      throw blocked()
    },
    key: fail,
    getItem: fail,
    setItem: fail,
    removeItem: fail,
    clear: fail,
  }
  return storage as unknown as Storage
}

/**
 * A location and a history that behave like the address bar: `replaceState` changes what
 * `location` reports (and refuses another origin, as browsers do). Every call is appended to `log`.
 */
export function fakeBrowser(href: string, log: string[] = []) {
  let current = new URL(href)
  const location = {
    get href() {
      return current.href
    },
    get search() {
      return current.search
    },
  }
  const history = {
    state: { app: 'kept' } as unknown,
    replaceState: vi.fn((_data: unknown, _unused: string, url?: string | URL | null) => {
      log.push('replaceState')
      if (url === undefined || url === null) return
      const next = new URL(url, current)
      if (next.origin !== current.origin) {
        throw new DOMException('Cannot replace state with another origin.', 'SecurityError')
      }
      current = next
    }),
  }
  return { location, history, log }
}

export function makeAccount(provider: ProviderId = 'google', overrides: Partial<PyasAccount> = {}) {
  return {
    accountId: `acc_${provider}`,
    email: 'ada@example.com',
    name: 'Ada',
    provider,
    status: 'active',
    scopes: [...REQUIRED_SCOPES[provider]],
    ...overrides,
  } satisfies PyasAccount
}

export function makeAttempt(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    state: STATE,
    provider: 'google',
    name: 'Ada',
    email: 'ada@example.com',
    mode: 'redirect',
    createdAt: NOW,
    ...overrides,
  }
}

/** A ProxyClient whose `connect` is counted, logs `connect` when invoked, and can be replaced. */
export function fakeClient(
  log: string[] = [],
  connectImpl: ProxyClient['connect'] = async (provider) => makeAccount(provider),
) {
  const connect = vi.fn<ProxyClient['connect']>((provider, body, signal) => {
    log.push('connect')
    return connectImpl(provider, body, signal)
  })
  const getOAuthUrl = vi.fn<ProxyClient['getOAuthUrl']>(async () => 'https://consent.example/')
  return { connect, getOAuthUrl } satisfies ProxyClient
}

/** A `crypto` that hands out `bytes` (from the start) and records every array it was asked to fill. */
export function fakeCrypto(bytes: Uint8Array) {
  const requested: Uint8Array[] = []
  const crypto: Pick<Crypto, 'getRandomValues'> = {
    getRandomValues<T extends ArrayBufferView>(array: T): T {
      const target = array as unknown as Uint8Array
      requested.push(target)
      target.set(bytes.subarray(0, target.length))
      return array
    },
  }
  return { crypto, requested }
}

/** A promise with its resolve/reject exposed. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

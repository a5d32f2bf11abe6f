import { describe, expect, it, vi } from 'vitest'
import {
  ATTEMPT_TTL_MS,
  createState,
  isExpired,
  isPyasState,
  readAttempt,
  readClaim,
  readOutcome,
  removeAttempt,
  STATE_PREFIX,
  type StoredOutcome,
  SWEEP_AFTER_MS,
  saveAttempt,
  saveOutcome,
  sweep,
  writeClaim,
} from '../../src/core/attempts.js'
import {
  fakeCrypto,
  MINUTE,
  makeAccount,
  makeAttempt,
  memoryStorage,
  NOW,
  OTHER_STATE,
  STATE,
  throwingStorage,
} from './fakes.js'

const STATE_FORMAT = /^pyas_[A-Za-z0-9_-]{43}$/
const DAY = 24 * 60 * MINUTE

const connected = (at: number): StoredOutcome => ({
  status: 'connected',
  provider: 'google',
  account: makeAccount('google'),
  at,
})

describe('createState', () => {
  it('should be "pyas_" followed by 43 base64url characters (32 bytes)', () => {
    const state = createState()
    expect(state).toMatch(STATE_FORMAT)
    expect(state.startsWith(STATE_PREFIX)).toBe(true)
    expect(Buffer.from(state.slice(5), 'base64url')).toHaveLength(32)
  })

  it('should encode the 32 bytes it gets from crypto.getRandomValues', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256)
    const { crypto, requested } = fakeCrypto(bytes)
    const state = createState(crypto)
    expect(requested).toHaveLength(1)
    expect(requested[0]).toBeInstanceOf(Uint8Array)
    expect(requested[0]).toHaveLength(32)
    expect(state).toBe(`pyas_${Buffer.from(bytes).toString('base64url')}`)
    expect(state).toMatch(STATE_FORMAT)
  })

  it('should use the URL-safe alphabet without padding', () => {
    const state = createState(fakeCrypto(new Uint8Array(32).fill(0xff)).crypto)
    expect(state).toBe(`pyas_${'_'.repeat(42)}8`)
    const dashes = createState(fakeCrypto(new Uint8Array(32).fill(0xfb)).crypto)
    expect(dashes).toMatch(/^pyas_[-_A-Za-z0-9]{43}$/)
    expect(dashes).toContain('-')
    expect(dashes).not.toMatch(/[+/=]/)
  })

  it('should use globalThis.crypto.getRandomValues by default', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues')
    try {
      createState()
      expect(spy).toHaveBeenCalledTimes(1)
    } finally {
      spy.mockRestore()
    }
  })

  it('should never repeat over many calls', () => {
    const states = new Set(Array.from({ length: 2000 }, () => createState()))
    expect(states.size).toBe(2000)
    for (const state of states) expect(state).toMatch(STATE_FORMAT)
  })
})

describe('isPyasState', () => {
  it('should accept only strings that start with pyas_ and have more after it', () => {
    expect(isPyasState(STATE)).toBe(true)
    expect(isPyasState('pyas_x')).toBe(true)
    expect(isPyasState('pyas_')).toBe(false)
    expect(isPyasState('PYAS_abc')).toBe(false)
    expect(isPyasState('xpyas_abc')).toBe(false)
    expect(isPyasState('abc')).toBe(false)
    expect(isPyasState('')).toBe(false)
    expect(isPyasState(null)).toBe(false)
    expect(isPyasState(undefined)).toBe(false)
    expect(isPyasState(42)).toBe(false)
  })
})

describe('saveAttempt / readAttempt / removeAttempt', () => {
  it('should save the record as JSON under pyas:attempt:<state>', () => {
    const storage = memoryStorage()
    const record = makeAttempt({ returnTo: '/settings' })
    saveAttempt(storage, record)
    expect(storage.length).toBe(1)
    expect(JSON.parse(storage.getItem(`pyas:attempt:${STATE}`)!)).toEqual(record)
    expect(readAttempt(storage, STATE)).toEqual(record)
  })

  it('should keep two attempts under two keys without overwriting each other', () => {
    const storage = window.localStorage
    const first = makeAttempt({ state: STATE, provider: 'google' })
    const second = makeAttempt({ state: OTHER_STATE, provider: 'zoom', email: undefined })
    saveAttempt(storage, first)
    saveAttempt(storage, second)
    expect(storage.getItem(`pyas:attempt:${STATE}`)).not.toBeNull()
    expect(storage.getItem(`pyas:attempt:${OTHER_STATE}`)).not.toBeNull()
    expect(readAttempt(storage, STATE)).toEqual(first)
    expect(readAttempt(storage, OTHER_STATE)).toEqual(JSON.parse(JSON.stringify(second)))
  })

  it('should remove only the given attempt', () => {
    const storage = memoryStorage()
    saveAttempt(storage, makeAttempt({ state: STATE }))
    saveAttempt(storage, makeAttempt({ state: OTHER_STATE }))
    removeAttempt(storage, STATE)
    expect(readAttempt(storage, STATE)).toBeUndefined()
    expect(readAttempt(storage, OTHER_STATE)).toBeDefined()
  })

  it('should read undefined for an unknown state or a corrupt record', () => {
    const storage = memoryStorage({ [`pyas:attempt:${OTHER_STATE}`]: '{not json' })
    expect(readAttempt(storage, STATE)).toBeUndefined()
    expect(readAttempt(storage, OTHER_STATE)).toBeUndefined()
  })

  it('should throw when storage is unavailable, so the caller can fail before leaving', () => {
    expect(() => saveAttempt(throwingStorage(), makeAttempt())).toThrow(DOMException)
  })
})

describe('isExpired', () => {
  it('should use a 15 minute TTL and keep expired records for a day', () => {
    expect(ATTEMPT_TTL_MS).toBe(15 * MINUTE)
    expect(SWEEP_AFTER_MS).toBe(DAY)
  })

  it('should not be expired at exactly 15 minutes and be expired 1 ms later', () => {
    expect(isExpired(NOW, NOW)).toBe(false)
    expect(isExpired(NOW, NOW + 15 * MINUTE)).toBe(false)
    expect(isExpired(NOW, NOW + 15 * MINUTE + 1)).toBe(true)
  })
})

describe('writeClaim / readClaim', () => {
  it('should store the owner and time under pyas:claim:<state>', () => {
    const storage = memoryStorage()
    writeClaim(storage, STATE, 'tab-1', NOW)
    expect(JSON.parse(storage.getItem(`pyas:claim:${STATE}`)!)).toEqual({ owner: 'tab-1', at: NOW })
    expect(readClaim(storage, STATE)).toEqual({ owner: 'tab-1', at: NOW })
    expect(readClaim(storage, OTHER_STATE)).toBeUndefined()
  })
})

describe('saveOutcome / readOutcome', () => {
  it('should store the outcome under pyas:outcome:<state> and read it back within 15 minutes', () => {
    const storage = memoryStorage()
    const outcome = connected(NOW)
    saveOutcome(storage, STATE, outcome)
    expect(JSON.parse(storage.getItem(`pyas:outcome:${STATE}`)!)).toEqual(outcome)
    expect(readOutcome(storage, STATE, NOW)).toEqual(outcome)
    expect(readOutcome(storage, STATE, NOW + 15 * MINUTE)).toEqual(outcome)
  })

  it('should not return an outcome older than 15 minutes', () => {
    const storage = memoryStorage()
    saveOutcome(storage, STATE, connected(NOW))
    expect(readOutcome(storage, STATE, NOW + 15 * MINUTE + 1)).toBeUndefined()
  })

  it('should return undefined for an unknown state', () => {
    expect(readOutcome(memoryStorage(), STATE, NOW)).toBeUndefined()
  })
})

describe('sweep', () => {
  it('should remove attempts and claims older than a day and keep younger ones', () => {
    const storage = memoryStorage()
    saveAttempt(storage, makeAttempt({ state: 'pyas_old', createdAt: NOW - DAY - 1 }))
    saveAttempt(storage, makeAttempt({ state: 'pyas_day', createdAt: NOW - DAY }))
    saveAttempt(storage, makeAttempt({ state: 'pyas_expired', createdAt: NOW - 16 * MINUTE }))
    writeClaim(storage, 'pyas_old', 'tab', NOW - DAY - 1)
    writeClaim(storage, 'pyas_recent', 'tab', NOW - 20 * MINUTE)
    sweep(storage, NOW)
    expect(readAttempt(storage, 'pyas_old')).toBeUndefined()
    expect(readAttempt(storage, 'pyas_day')).toBeDefined()
    // Expired but younger than a day: kept so the callback can say expired_attempt.
    expect(readAttempt(storage, 'pyas_expired')).toBeDefined()
    expect(readClaim(storage, 'pyas_old')).toBeUndefined()
    expect(readClaim(storage, 'pyas_recent')).toBeDefined()
  })

  it('should remove outcomes past 15 minutes and keep fresh ones', () => {
    const storage = memoryStorage()
    saveOutcome(storage, 'pyas_stale', connected(NOW - 15 * MINUTE - 1))
    saveOutcome(storage, 'pyas_edge', connected(NOW - 15 * MINUTE))
    saveOutcome(storage, 'pyas_fresh', connected(NOW - MINUTE))
    sweep(storage, NOW)
    expect(storage.getItem('pyas:outcome:pyas_stale')).toBeNull()
    expect(storage.getItem('pyas:outcome:pyas_edge')).not.toBeNull()
    expect(storage.getItem('pyas:outcome:pyas_fresh')).not.toBeNull()
  })

  it('should never touch keys outside the pyas: namespace', () => {
    const old = JSON.stringify({ createdAt: 0, at: 0 })
    const storage = memoryStorage({
      theme: 'dark',
      'app:attempt:x': old,
      pyas_attempt: old,
      'PYAS:attempt:x': old,
      'other:pyas:attempt:x': old,
    })
    sweep(storage, NOW)
    expect(storage.length).toBe(5)
    expect(storage.getItem('theme')).toBe('dark')
  })

  it('should work on window.localStorage', () => {
    saveAttempt(localStorage, makeAttempt({ state: 'pyas_old', createdAt: NOW - 2 * DAY }))
    saveAttempt(localStorage, makeAttempt({ state: 'pyas_new', createdAt: NOW }))
    localStorage.setItem('unrelated', '1')
    sweep(localStorage, NOW)
    expect(readAttempt(localStorage, 'pyas_old')).toBeUndefined()
    expect(readAttempt(localStorage, 'pyas_new')).toBeDefined()
    expect(localStorage.getItem('unrelated')).toBe('1')
  })

  it('should never throw, whatever the storage does', () => {
    expect(() => sweep(throwingStorage(), NOW)).not.toThrow()
    const failsOnRemove = memoryStorage({ 'pyas:attempt:pyas_x': JSON.stringify({ createdAt: 0 }) })
    failsOnRemove.removeItem = () => {
      throw new Error('nope')
    }
    expect(() => sweep(failsOnRemove, NOW)).not.toThrow()
    const failsOnKey = memoryStorage({ a: '1' })
    failsOnKey.key = () => {
      throw new Error('nope')
    }
    expect(() => sweep(failsOnKey, NOW)).not.toThrow()
  })
})

describe('records read back from storage', () => {
  const put = (key: string, value: unknown) => {
    const storage = memoryStorage()
    storage.setItem(key, JSON.stringify(value))
    return storage
  }

  it.each([
    ['an unknown provider', { provider: '../../admin/delete?x=' }],
    ['a createdAt that is not a number', { createdAt: 'yesterday' }],
    ['an infinite createdAt', { createdAt: null }],
  ])('should treat an attempt with %s as missing', (_, patch) => {
    const storage = put(`pyas:attempt:${STATE}`, { ...makeAttempt(), ...patch })
    expect(readAttempt(storage, STATE)).toBeUndefined()
  })

  it('should drop a stored returnTo that is not a same-origin path', () => {
    const storage = put(`pyas:attempt:${STATE}`, makeAttempt({ returnTo: 'https://evil.example' }))
    const record = readAttempt(storage, STATE)
    expect(record).toBeDefined()
    expect(record).not.toHaveProperty('returnTo')
  })

  it('should not take the state, or an unknown mode, from the stored value', () => {
    const storage = put(`pyas:attempt:${STATE}`, {
      ...makeAttempt(),
      state: OTHER_STATE,
      mode: 'iframe',
    })
    expect(readAttempt(storage, STATE)).toMatchObject({ state: STATE, mode: 'redirect' })
  })

  it('should treat a kept outcome without a usable account as missing', () => {
    const storage = put(`pyas:outcome:${STATE}`, {
      status: 'connected',
      provider: 'google',
      account: { accountId: '', scopes: [] },
      at: NOW,
    })
    expect(readOutcome(storage, STATE, NOW)).toBeUndefined()
  })

  it('should re-check a kept outcome: strings only in scopes, a same-origin returnTo', () => {
    const storage = put(`pyas:outcome:${STATE}`, {
      ...connected(NOW),
      account: { ...makeAccount('google'), scopes: [null, 'openid'] },
      returnTo: '//evil.example',
    })
    const outcome = readOutcome(storage, STATE, NOW)
    expect(outcome).toMatchObject({ status: 'connected', account: { scopes: ['openid'] } })
    expect(outcome).not.toHaveProperty('returnTo')
  })

  it('should treat an outcome whose at is not a number as missing', () => {
    const storage = put(`pyas:outcome:${STATE}`, { ...connected(NOW), at: 'now' })
    expect(readOutcome(storage, STATE, NOW)).toBeUndefined()
  })
})

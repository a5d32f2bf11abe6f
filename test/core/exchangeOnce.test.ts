// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  readAttempt,
  readClaim,
  readOutcome,
  type StoredOutcome,
  saveAttempt,
  saveOutcome,
  writeClaim,
} from '../../src/core/attempts.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { CLAIM_WAIT_MS, type ExchangeDeps, exchangeOnce } from '../../src/core/returnPath.js'
import { fakeClient, makeAccount, makeAttempt, memoryStorage, NOW, STATE } from './fakes.js'

const CODE = '4/0AbCd-code'

function setup(
  overrides: Partial<ExchangeDeps> = {},
  connectImpl?: Parameters<typeof fakeClient>[1],
) {
  const storage = overrides.storage ?? memoryStorage()
  const record = makeAttempt({ returnTo: '/settings' })
  saveAttempt(storage, record)
  const client = fakeClient([], connectImpl)
  const deps: ExchangeDeps = { storage, client, now: () => NOW, ...overrides }
  return { storage, record, client, deps }
}

const otherTabsOutcome: StoredOutcome = {
  status: 'connected',
  provider: 'google',
  account: makeAccount('google', { accountId: 'acc_from_other_tab' }),
  returnTo: '/settings',
  at: NOW,
}

describe('exchangeOnce', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('should exchange the code, save the outcome and remove the attempt', async () => {
    const { storage, record, client, deps } = setup()
    const result = await exchangeOnce(deps, record, CODE)
    expect(client.connect).toHaveBeenCalledTimes(1)
    expect(client.connect).toHaveBeenCalledWith(
      'google',
      { code: CODE, name: 'Ada' },
      expect.any(Function),
    )
    const outcome = {
      status: 'connected',
      provider: 'google',
      account: makeAccount('google'),
      returnTo: '/settings',
      email: 'ada@example.com',
      at: NOW,
    }
    expect(result).toEqual({ outcome, replayed: false })
    expect(result).not.toHaveProperty('error')
    expect(readOutcome(storage, STATE, NOW)).toEqual(outcome)
    expect(readAttempt(storage, STATE)).toBeUndefined()
  })

  it('should claim the code in storage before spending it', async () => {
    const storage = memoryStorage()
    let claimAtConnect: unknown
    const { record, deps } = setup({ storage }, async (provider) => {
      claimAtConnect = readClaim(storage, STATE)
      return makeAccount(provider)
    })
    await exchangeOnce(deps, record, CODE)
    expect(claimAtConnect).toEqual({ owner: expect.any(String), at: NOW })
  })

  it('should still deliver the account when storage refuses to keep the outcome', async () => {
    const { storage, record, client, deps } = setup()
    // Nearly full: the attempt and the claim fit, the outcome (with the account) does not.
    const setItem = storage.setItem.bind(storage)
    storage.setItem = (key: string, value: string) => {
      if (key.startsWith('pyas:outcome:')) {
        throw new DOMException('Quota exceeded', 'QuotaExceededError')
      }
      setItem(key, value)
    }
    const result = await exchangeOnce(deps, record, CODE)
    expect(client.connect).toHaveBeenCalledTimes(1)
    expect(result).toMatchObject({
      replayed: false,
      outcome: { status: 'connected', account: makeAccount('google') },
    })
    expect(result).not.toHaveProperty('error')
  })

  it('should leave returnTo out of the outcome when the attempt had none', async () => {
    const { record, deps } = setup()
    const { returnTo: _returnTo, ...withoutReturnTo } = record
    const result = await exchangeOnce(deps, withoutReturnTo, CODE)
    expect(result.outcome).not.toHaveProperty('returnTo')
  })

  it('should replay a kept outcome without a request', async () => {
    const { storage, record, client, deps } = setup()
    saveOutcome(storage, STATE, otherTabsOutcome)
    const result = await exchangeOnce(deps, record, CODE)
    expect(result).toEqual({ outcome: otherTabsOutcome, replayed: true })
    expect(client.connect).not.toHaveBeenCalled()
  })

  it('should exchange again once the kept outcome is older than 15 minutes', async () => {
    const { storage, record, client, deps } = setup({ now: () => NOW + 15 * 60_000 + 1 })
    saveOutcome(storage, STATE, otherTabsOutcome)
    const result = await exchangeOnce(deps, record, CODE)
    expect(result.replayed).toBe(false)
    expect(client.connect).toHaveBeenCalledTimes(1)
  })

  it("should wait for another tab's claim and return its outcome", async () => {
    vi.useFakeTimers()
    const { storage, record, client, deps } = setup({ pollMs: 20 })
    writeClaim(storage, STATE, 'other-tab', NOW - 1000)
    let settled = false
    const promise = exchangeOnce(deps, record, CODE).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(200)
    expect(settled).toBe(false)
    expect(client.connect).not.toHaveBeenCalled()
    saveOutcome(storage, STATE, otherTabsOutcome)
    await vi.advanceTimersByTimeAsync(20)
    await expect(promise).resolves.toEqual({ outcome: otherTabsOutcome, replayed: true })
    expect(client.connect).not.toHaveBeenCalled()
  })

  it("should wait for another tab's error outcome too", async () => {
    vi.useFakeTimers()
    const { storage, record, client, deps } = setup()
    writeClaim(storage, STATE, 'other-tab', NOW)
    const promise = exchangeOnce(deps, record, CODE)
    const failed: StoredOutcome = {
      status: 'error',
      provider: 'google',
      code: 'invalid_grant',
      httpStatus: 400,
      at: NOW,
    }
    saveOutcome(storage, STATE, failed)
    await vi.advanceTimersByTimeAsync(100)
    await expect(promise).resolves.toEqual({ outcome: failed, replayed: true })
    expect(client.connect).not.toHaveBeenCalled()
  })

  it('should give up waiting after 30 s with proxy_error and never spend the code', async () => {
    vi.useFakeTimers({ now: NOW })
    const { storage, record, client, deps } = setup({ now: () => Date.now() })
    writeClaim(storage, STATE, 'other-tab', NOW)
    const settled = exchangeOnce(deps, record, CODE).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    await vi.advanceTimersByTimeAsync(CLAIM_WAIT_MS - 200)
    await vi.advanceTimersByTimeAsync(400)
    const result = await settled
    expect(result).toEqual({ error: expect.any(PyasConnectError) })
    const error = (result as { error: PyasConnectError }).error
    expect(error.code).toBe('proxy_error')
    expect(error.message).toMatch(/another tab/i)
    expect(client.connect).not.toHaveBeenCalled()
  })

  it('should exchange itself when the other claim is 30 s old or more', async () => {
    const { storage, record, client, deps } = setup()
    writeClaim(storage, STATE, 'other-tab', NOW - CLAIM_WAIT_MS)
    const result = await exchangeOnce(deps, record, CODE)
    expect(result.replayed).toBe(false)
    expect(client.connect).toHaveBeenCalledTimes(1)
  })

  it('should save an error outcome and return the original error', async () => {
    const original = new PyasConnectError('rate_limited', { status: 429, retryAfter: 30 })
    const { storage, record, deps } = setup({}, async () => {
      throw original
    })
    const result = await exchangeOnce(deps, record, CODE)
    const outcome = {
      status: 'error',
      provider: 'google',
      code: 'rate_limited',
      httpStatus: 429,
      at: NOW,
    }
    expect(result.error).toBe(original)
    expect(result.error?.retryAfter).toBe(30)
    expect(result.replayed).toBe(false)
    expect(result.outcome).toEqual(outcome)
    expect(readOutcome(storage, STATE, NOW)).toEqual(outcome)
    expect(readAttempt(storage, STATE)).toBeUndefined()
  })

  it('should turn an unknown throwable into proxy_error, keeping the cause', async () => {
    const cause = new TypeError('boom')
    const { record, deps } = setup({}, async () => {
      throw cause
    })
    const result = await exchangeOnce(deps, record, CODE)
    expect(result.error).toBeInstanceOf(PyasConnectError)
    expect(result.error?.code).toBe('proxy_error')
    expect(result.error?.cause).toBe(cause)
    expect(result.outcome).not.toHaveProperty('httpStatus')
  })

  it('should keep the connected outcome another tab stored while this one failed', async () => {
    // Without Web Locks two tabs can both spend the code: the loser's invalid_grant arrives after
    // the winner stored the account.
    const storage = memoryStorage()
    const { record, deps } = setup({ storage }, async () => {
      saveOutcome(storage, STATE, otherTabsOutcome)
      throw new PyasConnectError('invalid_grant', { status: 400 })
    })
    const result = await exchangeOnce(deps, record, CODE)
    expect(result).toEqual({ outcome: otherTabsOutcome, replayed: true })
    expect(readOutcome(storage, STATE, NOW)).toEqual(otherTabsOutcome)
  })

  it('should store its own error when no other tab connected', async () => {
    const storage = memoryStorage()
    const { record, deps } = setup({ storage }, async () => {
      throw new PyasConnectError('invalid_grant', { status: 400 })
    })
    const result = await exchangeOnce(deps, record, CODE)
    expect(result.error?.code).toBe('invalid_grant')
    expect(readOutcome(storage, STATE, NOW)).toMatchObject({
      status: 'error',
      code: 'invalid_grant',
    })
  })

  it('should not spend the code when storage refuses the claim', async () => {
    const storage = memoryStorage()
    const { record, client, deps } = setup({ storage })
    storage.setItem = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    }
    await expect(exchangeOnce(deps, record, CODE)).rejects.toThrow()
    expect(client.connect).not.toHaveBeenCalled()
  })
})

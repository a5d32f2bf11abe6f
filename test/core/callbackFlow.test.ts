import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  readAttempt,
  readOutcome,
  type StoredOutcome,
  saveAttempt,
  saveOutcome,
  writeClaim,
} from '../../src/core/attempts.js'
import { readCallback } from '../../src/core/callbackUrl.js'
import { createPyasClient, type PyasClient, type ReturnDeps } from '../../src/core/client.js'
import { enConnect } from '../../src/core/messages.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import type { ProxyClient } from '../../src/core/proxyClient.js'
import {
  type CallbackDeps,
  type CallbackResult,
  fromOutcome,
  settleCallback,
} from '../../src/core/returnPath.js'
import {
  deferred,
  fakeBrowser,
  fakeClient,
  MINUTE,
  makeAccount,
  makeAttempt,
  memoryStorage,
  NOW,
  STATE,
  throwingStorage,
} from './fakes.js'

const ORIGIN = 'https://app.example'
const CODE = '4/0AbCd'
const CALLBACK = `${ORIGIN}/settings?tab=cal&code=${encodeURIComponent(CODE)}&state=${STATE}&scope=openid#top`
const CLEAN = `${ORIGIN}/settings?tab=cal#top`
const errorUrl = (error: string, description?: string) =>
  `${ORIGIN}/settings?tab=cal&state=${STATE}&error=${error}` +
  (description ? `&error_description=${encodeURIComponent(description)}` : '')

interface SetupOptions {
  href?: string
  storage?: Storage
  connect?: ProxyClient['connect']
  now?: () => number
  handOff?: CallbackDeps['handOff']
  record?: Parameters<typeof makeAttempt>[0] | null
}

function setup(options: SetupOptions = {}) {
  const storage = options.storage ?? memoryStorage()
  if (options.record !== null)
    saveAttempt(storage, makeAttempt(options.record ?? { returnTo: '/next' }))
  const log: string[] = []
  const browser = fakeBrowser(options.href ?? CALLBACK, log)
  const client = fakeClient(log, options.connect)
  const deps: CallbackDeps = {
    getStorage: () => storage,
    client,
    location: browser.location,
    history: browser.history,
    now: options.now ?? (() => NOW),
    ...(options.handOff ? { handOff: options.handOff } : {}),
  }
  return { deps, storage, client, browser, log }
}

/** Settles `promise` without letting a rejection go unhandled. */
const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )

/** The client under test: a new one is a new page load (or a new test's client). */
let store: PyasClient = createPyasClient()
const withMessages = (deps: CallbackDeps): ReturnDeps => ({ ...deps, messages: enConnect })
/** What the client does with the page's URL: read the return (once: it cleans it) and settle it. */
const getDocumentCallback = (deps: CallbackDeps) => {
  const params = readCallback(deps.location)
  return params && settleCallback(params, deps, true)
}
const resetDocumentCallbacks = () => {
  store = createPyasClient()
}

/** Another document (another tab): its own reading, sharing only the storage it is given. */
const openSecondDocument = () => ({ getDocumentCallback })

function errorOf(result: CallbackResult): PyasConnectError {
  if (result.type !== 'error') throw new Error(`expected an error result, got ${result.type}`)
  return result.error
}

describe('PyasClient.fromUrl', () => {
  afterEach(() => {
    resetDocumentCallbacks()
    vi.useRealTimers()
    window.history.replaceState(null, '', '/')
  })

  describe('when there is nothing to do', () => {
    it('should give null without a callback in the URL', () => {
      const { deps, browser } = setup({ href: `${ORIGIN}/settings?tab=cal` })
      expect(getDocumentCallback(deps)).toBeNull()
      expect(browser.history.replaceState).not.toHaveBeenCalled()
    })

    it('should leave a callback with a foreign state alone', () => {
      const { deps, client, browser } = setup({ href: `${ORIGIN}/cb?code=c&state=theirs` })
      expect(getDocumentCallback(deps)).toBeNull()
      expect(browser.history.replaceState).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(`${ORIGIN}/cb?code=c&state=theirs`)
      expect(client.connect).not.toHaveBeenCalled()
    })
  })

  describe('whatever the provider', () => {
    it('should go by a kept outcome when the attempt is gone (a reload)', async () => {
      const { deps, storage } = setup({ record: null })
      saveOutcome(storage, STATE, {
        status: 'connected',
        provider: 'microsoft',
        account: makeAccount('microsoft'),
        at: NOW,
      })
      const entry = getDocumentCallback(deps)!
      expect(entry.provider).toBe('microsoft')
      await expect(entry.result).resolves.toMatchObject({
        type: 'connected',
        replayed: true,
      })
    })

    it('should let any hook report an unknown state or unreadable storage', async () => {
      const unknown = setup({ record: null })
      const entry = getDocumentCallback(unknown.deps)!
      expect(errorOf(await entry.result).code).toBe('state_mismatch')
      resetDocumentCallbacks()
      const blocked = setup({ storage: throwingStorage(), record: null })
      const failed = getDocumentCallback(blocked.deps)!
      expect(errorOf(await failed.result).code).toBe('storage_unavailable')
    })
  })

  describe('a successful exchange', () => {
    it('should exchange the code and report connected with the returnTo', async () => {
      const { deps, client, storage } = setup()
      const entry = getDocumentCallback(deps)!
      expect(entry.oauthState).toBe(STATE)
      expect(entry.provider).toBe('google')
      expect(entry.exchanging).toBe(true)
      await expect(entry.result).resolves.toEqual({
        type: 'connected',
        provider: 'google',
        account: makeAccount('google'),
        returnTo: '/next',
        emailMismatch: false,
        replayed: false,
      })
      expect(entry.settled).toMatchObject({ type: 'connected' })
      expect(client.connect).toHaveBeenCalledTimes(1)
      expect(client.connect).toHaveBeenCalledWith(
        'google',
        { code: CODE, name: 'Ada' },
        expect.any(Function),
      )
      expect(readAttempt(storage, STATE)).toBeUndefined()
      expect(readOutcome(storage, STATE, NOW)).toMatchObject({ status: 'connected' })
    })

    it('should clean the URL synchronously, before the connect request', async () => {
      let hrefAtConnect = ''
      const { deps, browser, log } = setup({
        connect: async (provider) => {
          hrefAtConnect = browser.location.href
          return makeAccount(provider)
        },
      })
      const entry = getDocumentCallback(deps)!
      // Nothing has been awaited yet: the address bar is already clean.
      expect(browser.history.replaceState).toHaveBeenCalledTimes(1)
      expect(browser.location.href).toBe(CLEAN)
      await entry.result
      expect(log).toEqual(['replaceState', 'connect'])
      expect(hrefAtConnect).toBe(CLEAN)
      expect(browser.history.replaceState).toHaveBeenCalledWith(
        { app: 'kept' },
        '',
        `${ORIGIN}/settings?tab=cal#top`,
      )
    })

    it('should use window.location and window.history when none are given', async () => {
      window.history.replaceState({ router: 'x' }, '', `/cb?keep=1&code=c&state=${STATE}#h`)
      const storage = memoryStorage()
      saveAttempt(storage, makeAttempt())
      const client = fakeClient()
      const entry = getDocumentCallback({ getStorage: () => storage, client, now: () => NOW })!
      expect(window.location.search).toBe('?keep=1')
      expect(window.location.hash).toBe('#h')
      expect(window.history.state).toEqual({ router: 'x' })
      await expect(entry.result).resolves.toMatchObject({ type: 'connected' })
      expect(client.connect).toHaveBeenCalledWith(
        'google',
        { code: 'c', name: 'Ada' },
        expect.any(Function),
      )
    })

    it('should exchange once however many times it is asked for the same URL', async () => {
      const { deps, client } = setup()
      // A location that never changes, as if every caller read the URL before the cleanup.
      const stuck = { href: CALLBACK, search: new URL(CALLBACK).search }
      const calls = await Promise.all(
        Array.from({ length: 5 }, () => store.fromUrl(withMessages({ ...deps, location: stuck }))),
      )
      expect(calls[0]).not.toBeNull()
      for (const entry of calls) expect(entry).toBe(calls[0])
      await calls[0]!.result
      expect(client.connect).toHaveBeenCalledTimes(1)
    })

    it('should read the URL once: a later caller finds it cleaned and starts nothing', async () => {
      const { deps, client, browser } = setup()
      const first = getDocumentCallback(deps)
      expect(browser.location.href).toBe(CLEAN)
      expect(getDocumentCallback(deps)).toBeNull()
      await first!.result
      expect(getDocumentCallback(deps)).toBeNull()
      expect(client.connect).toHaveBeenCalledTimes(1)
    })

    it('should offer nothing from a fresh client: the return belongs to the client that read it', async () => {
      const { deps } = setup()
      await getDocumentCallback(deps)!.result
      await expect(createPyasClient().fromUrl(withMessages(deps))).resolves.toBeNull()
    })

    it('should replay the outcome on a reload of the same URL without a request', async () => {
      const storage = memoryStorage()
      const first = setup({ storage })
      await getDocumentCallback(first.deps)!.result
      // A reload: a new document (no in-memory entries), the same storage and the same URL.
      resetDocumentCallbacks()
      const reload = setup({ storage, record: null })
      const entry = getDocumentCallback(reload.deps)!
      await expect(entry.result).resolves.toEqual({
        type: 'connected',
        provider: 'google',
        account: makeAccount('google'),
        returnTo: '/next',
        emailMismatch: false,
        replayed: true,
      })
      expect(first.client.connect).toHaveBeenCalledTimes(1)
      expect(reload.client.connect).not.toHaveBeenCalled()
      expect(reload.browser.location.href).toBe(CLEAN)
    })

    it('should say state_mismatch for a reload after the kept outcome expired', async () => {
      const storage = memoryStorage()
      await getDocumentCallback(setup({ storage }).deps)!.result
      resetDocumentCallbacks()
      const later = setup({ storage, record: null, now: () => NOW + 15 * MINUTE + 1 })
      const result = await getDocumentCallback(later.deps)!.result
      expect(errorOf(result).code).toBe('state_mismatch')
      expect(later.client.connect).not.toHaveBeenCalled()
    })
  })

  describe('without a usable attempt', () => {
    it('should report state_mismatch for an unknown pyas_ state, without a request', async () => {
      const { deps, client, browser } = setup({ record: null })
      const entry = getDocumentCallback(deps)!
      const result = await entry.result
      expect(result.type).toBe('error')
      expect(errorOf(result)).toBeInstanceOf(PyasConnectError)
      expect(errorOf(result).code).toBe('state_mismatch')
      expect(result).not.toHaveProperty('provider')
      expect(entry.provider).toBeUndefined()
      expect(entry.exchanging).toBe(false)
      expect(client.connect).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(CLEAN)
    })

    it('should report expired_attempt for a record past 15 minutes, without a request', async () => {
      const { deps, client, browser } = setup({ record: { createdAt: NOW - 15 * MINUTE - 1 } })
      const result = await getDocumentCallback(deps)!.result
      expect(result).toMatchObject({ type: 'error', provider: 'google' })
      expect(errorOf(result).code).toBe('expired_attempt')
      expect(client.connect).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(CLEAN)
    })

    it('should still exchange a record exactly 15 minutes old', async () => {
      const { deps, client } = setup({ record: { createdAt: NOW - 15 * MINUTE } })
      await expect(getDocumentCallback(deps)!.result).resolves.toMatchObject({ type: 'connected' })
      expect(client.connect).toHaveBeenCalledTimes(1)
    })

    it('should say state_mismatch once the record is over a day old and swept', async () => {
      const { deps, storage } = setup({ record: { createdAt: NOW - 24 * 60 * MINUTE - 1 } })
      const result = await getDocumentCallback(deps)!.result
      expect(errorOf(result).code).toBe('state_mismatch')
      expect(readAttempt(storage, STATE)).toBeUndefined()
    })
  })

  describe('an error from the provider', () => {
    it('should report access_denied as cancelled and drop the attempt', async () => {
      const { deps, client, storage, browser } = setup({ href: errorUrl('access_denied') })
      const result = await getDocumentCallback(deps)!.result
      expect(result).toEqual({ type: 'cancelled', provider: 'google' })
      expect(readAttempt(storage, STATE)).toBeUndefined()
      expect(client.connect).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(`${ORIGIN}/settings?tab=cal`)
    })

    it('should report access_denied as cancelled without a record too', async () => {
      const { deps } = setup({ href: errorUrl('access_denied', 'User denied'), record: null })
      await expect(getDocumentCallback(deps)!.result).resolves.toEqual({ type: 'cancelled' })
    })

    it('should prefer the provider error over an expired record', async () => {
      const { deps } = setup({
        href: errorUrl('access_denied'),
        record: { createdAt: NOW - 60 * MINUTE },
      })
      await expect(getDocumentCallback(deps)!.result).resolves.toMatchObject({ type: 'cancelled' })
    })

    it('should report another error as provider_error with error_description', async () => {
      const { deps, client, storage } = setup({
        href: errorUrl('server_error', 'Google is having a bad day.'),
      })
      const result = await getDocumentCallback(deps)!.result
      expect(result).toMatchObject({ type: 'error', provider: 'google' })
      const error = errorOf(result)
      expect(error.code).toBe('provider_error')
      expect(error.providerError).toBe('server_error')
      expect(error.description).toBe('Google is having a bad day.')
      // The description is the provider's (or an attacker's link's) text: not the message.
      expect(error.message).toBe(new PyasConnectError('provider_error').message)
      expect(readAttempt(storage, STATE)).toBeUndefined()
      expect(client.connect).not.toHaveBeenCalled()
    })

    it('should name the error when there is no description, even without a record', async () => {
      const { deps } = setup({ href: errorUrl('temporarily_unavailable'), record: null })
      const error = errorOf(await getDocumentCallback(deps)!.result)
      expect(error.code).toBe('provider_error')
      expect(error.providerError).toBe('temporarily_unavailable')
      expect(error).not.toHaveProperty('description')
    })
  })

  describe('a popup attempt', () => {
    it('should hand the callback to the opener and not exchange it here', async () => {
      const handOff = vi.fn(async () => true)
      const { deps, client } = setup({ record: { mode: 'popup' }, handOff })
      await expect(getDocumentCallback(deps)!.result).resolves.toEqual({
        type: 'handed_off',
        provider: 'google',
      })
      expect(handOff).toHaveBeenCalledWith(
        expect.objectContaining({ state: STATE, mode: 'popup' }),
        {
          state: STATE,
          code: CODE,
        },
      )
      expect(client.connect).not.toHaveBeenCalled()
    })

    it('should exchange here when no opener takes it', async () => {
      const handOff = vi.fn(async () => false)
      const { deps, client } = setup({ record: { mode: 'popup' }, handOff })
      await expect(getDocumentCallback(deps)!.result).resolves.toMatchObject({ type: 'connected' })
      expect(client.connect).toHaveBeenCalledTimes(1)
    })

    it('should not offer a redirect attempt to handOff', async () => {
      const handOff = vi.fn(async () => true)
      const { deps } = setup({ handOff })
      await expect(getDocumentCallback(deps)!.result).resolves.toMatchObject({ type: 'connected' })
      expect(handOff).not.toHaveBeenCalled()
    })
  })

  describe('across tabs', () => {
    it("should wait for another tab's claim and show its outcome without a request", async () => {
      vi.useFakeTimers()
      const { deps, client, storage } = setup()
      writeClaim(storage, STATE, 'another-tab', NOW)
      const entry = getDocumentCallback(deps)!
      expect(entry.exchanging).toBe(true)
      await vi.advanceTimersByTimeAsync(500)
      const other: StoredOutcome = {
        status: 'connected',
        provider: 'google',
        account: makeAccount('google', { accountId: 'acc_other' }),
        returnTo: '/next',
        at: NOW,
      }
      saveOutcome(storage, STATE, other)
      await vi.advanceTimersByTimeAsync(200)
      await expect(entry.result).resolves.toEqual({
        type: 'connected',
        provider: 'google',
        account: other.account,
        returnTo: '/next',
        emailMismatch: false,
        replayed: true,
      })
      expect(client.connect).not.toHaveBeenCalled()
    })

    it('should exchange once for two documents sharing storage', async () => {
      const secondTab = openSecondDocument()
      vi.useFakeTimers()
      const storage = memoryStorage()
      const gate = deferred<void>()
      const connect = vi.fn<ProxyClient['connect']>(async (provider) => {
        await gate.promise
        return makeAccount(provider)
      })
      const a = setup({ storage, connect })
      const b = setup({ storage, connect, record: null })
      const first = getDocumentCallback(a.deps)!
      const second = secondTab.getDocumentCallback(b.deps)!
      expect(second).not.toBe(first)
      await vi.advanceTimersByTimeAsync(300)
      // The second document found the first one's claim and is waiting, not exchanging.
      expect(connect).toHaveBeenCalledTimes(1)
      expect(second.exchanging).toBe(true)
      gate.resolve()
      await vi.advanceTimersByTimeAsync(200)
      await expect(first.result).resolves.toMatchObject({ type: 'connected', replayed: false })
      await expect(second.result).resolves.toMatchObject({ type: 'connected', replayed: true })
      expect(connect).toHaveBeenCalledTimes(1)
    })

    it('should report an error, not hang or reject, when the other tab never finishes', async () => {
      vi.useFakeTimers({ now: NOW })
      const { deps, client, storage } = setup({ now: () => Date.now() })
      writeClaim(storage, STATE, 'another-tab', NOW)
      const settled = settle(getDocumentCallback(deps)!.result)
      await vi.advanceTimersByTimeAsync(31_000)
      const outcome = await settled
      expect(outcome).toHaveProperty('value')
      const result = (outcome as { value: CallbackResult }).value
      expect(errorOf(result).code).toBe('proxy_error')
      expect(client.connect).not.toHaveBeenCalled()
    })
  })

  describe('a failed exchange', () => {
    it('should return the original error and keep an error outcome', async () => {
      const original = new PyasConnectError('rate_limited', { status: 429, retryAfter: 30 })
      const { deps, storage } = setup({
        connect: async () => {
          throw original
        },
      })
      const result = await getDocumentCallback(deps)!.result
      expect(result).toMatchObject({ type: 'error', provider: 'google' })
      expect(errorOf(result)).toBe(original)
      expect(errorOf(result).retryAfter).toBe(30)
      expect(readOutcome(storage, STATE, NOW)).toMatchObject({
        status: 'error',
        code: 'rate_limited',
        httpStatus: 429,
      })
      expect(readAttempt(storage, STATE)).toBeUndefined()
    })

    it('should replay the error on a reload without a second request', async () => {
      const storage = memoryStorage()
      const connect = vi.fn<ProxyClient['connect']>(async () => {
        throw new PyasConnectError('invalid_grant', { status: 400 })
      })
      await getDocumentCallback(setup({ storage, connect }).deps)!.result
      resetDocumentCallbacks()
      const result = await getDocumentCallback(setup({ storage, connect, record: null }).deps)!
        .result
      expect(errorOf(result).code).toBe('invalid_grant')
      expect(errorOf(result).status).toBe(400)
      expect(connect).toHaveBeenCalledTimes(1)
    })
  })

  describe('unavailable storage', () => {
    it('should report storage_unavailable when getting storage throws', async () => {
      const cause = new DOMException('blocked', 'SecurityError')
      const { deps, client, browser } = setup({ record: null })
      deps.getStorage = () => {
        throw cause
      }
      const result = await getDocumentCallback(deps)!.result
      expect(errorOf(result).code).toBe('storage_unavailable')
      expect(errorOf(result).cause).toBe(cause)
      expect(client.connect).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(CLEAN)
    })

    it('should report storage_unavailable when every storage access throws', async () => {
      const { deps, client, browser } = setup({ storage: throwingStorage(), record: null })
      const outcome = await settle(getDocumentCallback(deps)!.result)
      expect(outcome).toHaveProperty('value')
      const result = (outcome as { value: CallbackResult }).value
      expect(errorOf(result).code).toBe('storage_unavailable')
      expect(client.connect).not.toHaveBeenCalled()
      expect(browser.location.href).toBe(CLEAN)
    })

    it('should report storage_unavailable, without a request, when storage refuses writes', async () => {
      const storage = memoryStorage()
      const { deps, client } = setup({ storage })
      storage.setItem = () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError')
      }
      const outcome = await settle(getDocumentCallback(deps)!.result)
      expect(outcome).toHaveProperty('value')
      const result = (outcome as { value: CallbackResult }).value
      expect(errorOf(result).code).toBe('storage_unavailable')
      expect(client.connect).not.toHaveBeenCalled()
    })
  })
})

describe('PyasClient.fromMessage', () => {
  afterEach(() => {
    resetDocumentCallbacks()
  })

  it('should exchange a callback that came by message without touching the address bar', async () => {
    const { deps, client, browser } = setup({ href: `${ORIGIN}/settings?tab=cal` })
    const returns = await store.load()
    const entry = returns.fromMessage({ state: STATE, code: CODE }, withMessages(deps))
    expect(entry.oauthState).toBe(STATE)
    await expect(entry.result).resolves.toMatchObject({ type: 'connected', replayed: false })
    expect(client.connect).toHaveBeenCalledWith(
      'google',
      { code: CODE, name: 'Ada' },
      expect.any(Function),
    )
    expect(browser.history.replaceState).not.toHaveBeenCalled()
  })

  it('should settle one state once, however often it is handed over', async () => {
    const { deps, client } = setup({ href: `${ORIGIN}/settings` })
    const returns = await store.load()
    const first = returns.fromMessage({ state: STATE, code: CODE }, withMessages(deps))
    expect(returns.fromMessage({ state: STATE, code: CODE }, withMessages(deps))).toBe(first)
    await first.result
    expect(client.connect).toHaveBeenCalledTimes(1)
  })
})

describe('fromOutcome', () => {
  it('should rebuild a connected result, with or without returnTo', () => {
    const account = makeAccount('zoom')
    expect(fromOutcome({ status: 'connected', provider: 'zoom', account, at: NOW }, true)).toEqual({
      type: 'connected',
      provider: 'zoom',
      account,
      emailMismatch: false,
      replayed: true,
    })
    expect(
      fromOutcome(
        { status: 'connected', provider: 'zoom', account, returnTo: '/x', at: NOW },
        false,
      ),
    ).toEqual({
      type: 'connected',
      provider: 'zoom',
      account,
      returnTo: '/x',
      emailMismatch: false,
      replayed: false,
    })
  })

  it('should rebuild an error result as a PyasConnectError', () => {
    const result = fromOutcome(
      {
        status: 'error',
        provider: 'microsoft',
        code: 'forbidden',
        httpStatus: 403,
        at: NOW,
      },
      true,
    )
    expect(result).toMatchObject({ type: 'error', provider: 'microsoft' })
    const error = errorOf(result)
    expect(error).toBeInstanceOf(PyasConnectError)
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe(new PyasConnectError('forbidden').message)
    expect(error.status).toBe(403)
  })
})

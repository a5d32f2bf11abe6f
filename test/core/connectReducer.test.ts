// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  type ConnectAction,
  type ConnectState,
  type ConnectStatus,
  connectReducer,
  initialConnectState,
  isPendingStatus,
} from '../../src/core/connectReducer.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { makeAccount } from './fakes.js'

const STATUSES: ConnectStatus[] = [
  'idle',
  'preparing',
  'redirecting',
  'exchanging',
  'connected',
  'cancelled',
  'error',
]

const account = makeAccount('google')
const otherAccount = makeAccount('zoom')
const oldError = new PyasConnectError('network')
const newError = new PyasConnectError('invalid_grant', { status: 400 })

/** A state in `status` carrying leftovers, so each test shows what an action keeps or clears. */
const stateIn = (status: ConnectStatus): ConnectState =>
  Object.freeze({
    status,
    account: status === 'connected' ? account : null,
    error: status === 'error' ? oldError : null,
    missingScopes: status === 'connected' ? ['x'] : [],
    returnTo: status === 'connected' ? '/before' : undefined,
    emailMismatch: status === 'connected',
    replaces: status === 'connected' ? 'acc_before' : undefined,
  })

const ACTIONS: Record<ConnectAction['type'], ConnectAction> = {
  start: { type: 'start' },
  redirect: { type: 'redirect' },
  exchange: { type: 'exchange' },
  connected: {
    type: 'connected',
    account: otherAccount,
    missingScopes: ['meeting:write'],
    returnTo: '/settings',
    emailMismatch: false,
    replaces: 'acc_saved',
  },
  cancel: { type: 'cancel' },
  fail: { type: 'fail', error: newError },
  reset: { type: 'reset' },
}

const expected = (from: ConnectState, action: ConnectAction): ConnectState => {
  switch (action.type) {
    case 'start':
      return { ...initialConnectState, status: 'preparing' }
    case 'redirect':
      return { ...from, status: 'redirecting' }
    case 'exchange':
      return { ...initialConnectState, status: 'exchanging' }
    case 'connected':
      return {
        status: 'connected',
        account: otherAccount,
        error: null,
        missingScopes: ['meeting:write'],
        returnTo: '/settings',
        emailMismatch: false,
        replaces: 'acc_saved',
      }
    case 'cancel':
      return { ...initialConnectState, status: 'cancelled' }
    case 'fail':
      return { ...initialConnectState, status: 'error', error: newError }
    case 'reset':
      return initialConnectState
  }
}

describe('connectReducer', () => {
  it('should start idle with nothing in it', () => {
    expect(initialConnectState).toEqual({
      status: 'idle',
      account: null,
      error: null,
      missingScopes: [],
      returnTo: undefined,
      emailMismatch: false,
      replaces: undefined,
    })
  })

  describe.each(STATUSES)('from %s', (status) => {
    it.each(Object.keys(ACTIONS) as ConnectAction['type'][])(
      'should handle %s and return a whole new state',
      (type) => {
        const from = stateIn(status)
        const action = ACTIONS[type]
        const next = connectReducer(from, action)
        expect(next).toEqual(expected(from, action))
        if (type !== 'reset') expect(next).not.toBe(from)
        // The input is frozen: a mutation would have thrown.
        expect(from).toEqual(stateIn(status))
      },
    )
  })

  it('should clear the old account and error on start, exchange, cancel and fail', () => {
    for (const type of ['start', 'exchange', 'cancel'] as const) {
      const next = connectReducer(stateIn('connected'), { type })
      expect(next.account).toBeNull()
      expect(next.missingScopes).toEqual([])
      expect(next.returnTo).toBeUndefined()
      expect(connectReducer(stateIn('error'), { type }).error).toBeNull()
    }
    expect(connectReducer(stateIn('connected'), ACTIONS.fail).account).toBeNull()
  })

  it('should leave returnTo undefined when connected without one', () => {
    const next = connectReducer(initialConnectState, {
      type: 'connected',
      account,
      missingScopes: [],
      returnTo: undefined,
      emailMismatch: false,
      replaces: undefined,
    })
    expect(next.status).toBe('connected')
    expect(next.returnTo).toBeUndefined()
  })

  it('should walk a whole round trip', () => {
    const steps: ConnectAction[] = [
      { type: 'start' },
      { type: 'redirect' },
      { type: 'exchange' },
      {
        type: 'connected',
        account,
        missingScopes: [],
        returnTo: undefined,
        emailMismatch: false,
        replaces: undefined,
      },
    ]
    const statuses: ConnectStatus[] = []
    let state = initialConnectState
    for (const action of steps) {
      state = connectReducer(state, action)
      statuses.push(state.status)
    }
    expect(statuses).toEqual(['preparing', 'redirecting', 'exchanging', 'connected'])
  })
})

describe('isPendingStatus', () => {
  it('should be true only while preparing, redirecting or exchanging', () => {
    expect(STATUSES.filter(isPendingStatus)).toEqual(['preparing', 'redirecting', 'exchanging'])
  })
})

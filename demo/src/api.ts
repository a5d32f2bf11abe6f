import type { PyasProviderId } from '../../src/index.js'
import type { DemoUser } from './demoTypes.js'

/** An account as the demo server saved it (GET /api/accounts). */
export interface StoredAccount {
  accountId: string
  provider: PyasProviderId
  email: string | null
  name: string | null
  status: string
  scopes: string[]
  connectedAt: string
  updatedAt: string
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`${what} failed (HTTP ${status})`)
  }
}

async function call<T>(what: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  })
  if (!response.ok) throw new ApiError(response.status, what)
  return (response.status === 204 ? undefined : await response.json()) as T
}

export const accountsKey = ['demo', 'accounts'] as const
export const sessionKey = ['demo', 'session'] as const

/** The signed-in demo user; a first visit signs in a new one (the server sets the cookie). */
export const fetchSession = () =>
  call<{ user: DemoUser }>('Signing in', '/api/session').then(({ user }) => user)

/** The profile form: saves the user's name and email. */
export const saveProfile = (user: DemoUser) =>
  call<{ user: DemoUser }>('Saving the profile', '/api/session', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
    // Finishes even when the page leaves at once (a click on Connect right after an edit).
    keepalive: true,
  }).then((body) => body.user)

export const fetchAccounts = () =>
  call<{ accounts: StoredAccount[] }>('Loading the accounts', '/api/accounts').then(
    ({ accounts }) => accounts,
  )

export const disconnectAccount = (accountId: string) =>
  call<void>('Disconnecting', `/api/accounts/${encodeURIComponent(accountId)}`, {
    method: 'DELETE',
  })

/** Offline only: the fake Pyas marks the account inactive and sends its webhook. */
export const revokeAccount = (accountId: string) =>
  call<void>('Revoking access', `/api/demo/accounts/${encodeURIComponent(accountId)}/revoke`, {
    method: 'POST',
  })

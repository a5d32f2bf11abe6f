// Types of persistentFake.mjs, for the tests (the demo server itself is plain JavaScript).
import type { AccountStore } from './accountStore.mjs'

export interface PersistentFake {
  fake: {
    fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
    issueCode: (provider: string, options?: { email?: string }) => string
    apiKey: string
  }
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  setAccountStatus(accountId: string, status: 'active' | 'inactive'): Promise<unknown>
  setCalendars(
    accountId: string,
    calendars: ReadonlyArray<{
      id: string
      name: string
      primary?: boolean
      writable?: boolean
      color?: string
    }>,
  ): Promise<unknown>
  knows(accountId: string): boolean
}

export function createPersistentFake(options: {
  createFakePyas: (options: never) => unknown
  fakeOptions: Record<string, unknown>
  store: AccountStore
  baseUrl: string
}): Promise<PersistentFake>

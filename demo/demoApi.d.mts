// Types of demoApi.mjs, for the tests (the demo server itself is plain JavaScript).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccountStore, DemoUser } from './accountStore.mjs'

export const DEFAULT_PROFILE: { name: string; email: string }
export function sendJson(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
): void
export function readJson(req: IncomingMessage): Promise<unknown>
export function idFromSegment(segment: string): string | undefined
export function sessionIdOf(cookieHeader: string | null | undefined): string | undefined
export function createDemoApi(options: {
  store: AccountStore
  fakePyas?: {
    setAccountStatus(accountId: string, status: string): Promise<unknown>
    knows(accountId: string): boolean
  }
}): {
  handle(req: IncomingMessage, res: ServerResponse): Promise<false | undefined>
  userOf(cookieHeader: string | null | undefined): Promise<DemoUser | undefined>
  simulatedRevokersOf(accountId: string): string[] | undefined
}

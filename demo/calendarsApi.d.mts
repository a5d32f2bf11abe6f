// Types of calendarsApi.mjs, for the tests (the demo server itself is plain JavaScript).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccountStore } from './accountStore.mjs'

/** An account's calendar as the server lists it from Pyas. */
export interface ListedCalendar {
  id: string
  name: string
  primary: boolean
  writable: boolean
  color?: string
}

export type ListCalendars = (provider: string, accountId: string) => Promise<ListedCalendar[]>

export class UpstreamError extends Error {
  status: number
  constructor(status: number)
}

export function createCalendarLister(options: {
  fetch?: (input: string, init?: RequestInit) => Promise<Response>
  baseUrl: string
  apiKey: string
  /** The library's `normalizeCalendars`. */
  normalize: (provider: 'google' | 'microsoft', body: unknown) => ListedCalendar[] | undefined
}): ListCalendars

export function readSelection(
  body: unknown,
):
  | { selection: { conflicts: string[]; destination: string | null }; message?: undefined }
  | { selection?: undefined; message: string }

export function checkSelection(
  selection: { conflicts: string[]; destination: string | null },
  calendars: ListedCalendar[],
):
  | { error: 'unknown_calendar'; message: string; calendarIds: string[] }
  | { error: 'read_only_destination'; message: string; calendarId: string }
  | undefined

export function createCalendarsApi(options: {
  store: AccountStore
  userOf: (cookieHeader: string | null | undefined) => Promise<{ id: string } | undefined>
  listCalendars: ListCalendars
  fakePyas?: {
    setCalendars(
      accountId: string,
      calendars: Array<{
        id: string
        name: string
        primary?: boolean
        writable?: boolean
        color?: string
      }>,
    ): Promise<unknown>
  }
}): {
  handle(req: IncomingMessage, res: ServerResponse): Promise<false | undefined>
  authorizeAccount(context: {
    request: Request
    provider: string
    accountId: string
  }): Promise<boolean>
  calendarsChanged(accountId: string): Promise<void>
}

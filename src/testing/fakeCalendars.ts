import type { PyasAccount } from '../core/types.js'
import { findAccount, send } from './accountLifecycle.js'
import type { FakePyasWebhook } from './deliverWebhook.js'
import type { FakePyasState } from './fakePyasState.js'
import { jsonResponse, validationResponse } from './jsonResponse.js'

/** A calendar of a fake account, in one shape for both providers (`fake.setCalendars()`). */
export interface FakePyasCalendar {
  /** The provider's calendar id. */
  id: string
  /** Google's `summary`, Microsoft's `name`. */
  name: string
  /** The account's main calendar (Google `primary`, Microsoft `isDefaultCalendar`). @defaultValue false */
  primary?: boolean
  /** Events may be written to it (Google `accessRole` `owner`/`writer`, else `reader`; Microsoft `canEdit`). @defaultValue true */
  writable?: boolean
  /** `#rrggbb` (Google `backgroundColor`, Microsoft `hexColor`). */
  color?: string
  /** IANA time zone (Google only). @defaultValue `'UTC'` */
  timeZone?: string
}

/** What a new account has: its own calendar (named after the email), a shared one, holidays. */
function defaultCalendars(account: PyasAccount): FakePyasCalendar[] {
  const email = account.email || account.accountId
  if (account.provider === 'google') {
    return [
      { id: email, name: email, primary: true, color: '#9a9cff', timeZone: 'UTC' },
      {
        id: `c_${account.accountId}_team@group.calendar.google.com`,
        name: 'Team',
        color: '#9fe1e7',
        timeZone: 'UTC',
      },
      {
        id: 'en.usa#holiday@group.v.calendar.google.com',
        name: 'Holidays in United States',
        writable: false,
        color: '#16a765',
        timeZone: 'UTC',
      },
    ]
  }
  return [
    {
      id: `AAMkAD${account.accountId}-calendar`,
      name: 'Calendar',
      primary: true,
      color: '#0078d4',
    },
    { id: `AAMkAD${account.accountId}-team`, name: 'Team', color: '#a4262c' },
    {
      id: `AAMkAD${account.accountId}-holidays`,
      name: 'United States holidays',
      writable: false,
    },
  ]
}

/** The account's calendars: those `setCalendars()` gave, else the defaults. */
function calendarsOf(state: FakePyasState, account: PyasAccount): FakePyasCalendar[] {
  return state.calendars.get(account.accountId) ?? defaultCalendars(account)
}

/** A Google calendar-list entry, as `calendarList.list` returns it. */
function toGoogle(calendar: FakePyasCalendar) {
  const writable = calendar.writable ?? true
  return {
    kind: 'calendar#calendarListEntry',
    etag: `"${calendar.id.length}${calendar.name.length}0000000000"`,
    id: calendar.id,
    summary: calendar.name,
    timeZone: calendar.timeZone ?? 'UTC',
    backgroundColor: calendar.color ?? '#9a9cff',
    foregroundColor: '#000000',
    selected: true,
    accessRole: !writable ? 'reader' : calendar.primary ? 'owner' : 'writer',
    defaultReminders: [],
    ...(calendar.primary ? { primary: true } : {}),
  }
}

/** A Microsoft Graph calendar, as `GET /me/calendars` returns it. */
function toMicrosoft(calendar: FakePyasCalendar, account: PyasAccount) {
  return {
    id: calendar.id,
    name: calendar.name,
    color: 'auto',
    hexColor: calendar.color ?? '',
    isDefaultCalendar: calendar.primary === true,
    changeKey: 'DxYSthXJXEWwAQSYQnXvIgAAIxGttg==',
    canShare: calendar.primary === true,
    canViewPrivateItems: calendar.primary === true,
    canEdit: calendar.writable ?? true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: calendar.primary === true,
    isRemovable: calendar.primary !== true,
    owner: { name: account.name, address: account.email },
  }
}

/**
 * `GET /{provider}/calendars?accountId=` (google and microsoft): the account's calendars in the
 * provider's own shape. No `accountId` → 400; an id of no account of this provider → 404.
 */
export function listCalendars(
  state: FakePyasState,
  request: Request,
  provider: 'google' | 'microsoft',
): Response {
  const accountId = new URL(request.url).searchParams.get('accountId')
  if (!accountId) {
    return validationResponse([{ msg: 'Invalid value', param: 'accountId', location: 'query' }])
  }
  const account = state.accounts.find(
    (candidate) => candidate.accountId === accountId && candidate.provider === provider,
  )
  if (!account) {
    return jsonResponse(404, {
      success: false,
      error: 'Invalid account id. Account Not Found',
      code: 404,
    })
  }
  const calendars = calendarsOf(state, account).map((calendar) =>
    provider === 'google' ? toGoogle(calendar) : toMicrosoft(calendar, account),
  )
  return jsonResponse(200, { success: true, data: { calendars } })
}

function checkCalendars(calendars: unknown, caller: string): FakePyasCalendar[] {
  if (!Array.isArray(calendars)) {
    throw new TypeError(`${caller}: \`calendars\` must be an array of {id, name, …}.`)
  }
  const ids = new Set<string>()
  let primaries = 0
  return calendars.map((calendar: unknown, index) => {
    const fields =
      typeof calendar === 'object' && calendar !== null ? (calendar as Record<string, unknown>) : {}
    const { id, name, primary, writable, color, timeZone } = fields
    const at = `${caller}: calendars[${index}]`
    if (typeof id !== 'string' || id === '')
      throw new TypeError(`${at}.id must be a non-empty string.`)
    if (ids.has(id)) throw new TypeError(`${at}.id "${id}" is listed twice.`)
    ids.add(id)
    if (typeof name !== 'string') throw new TypeError(`${at}.name must be a string.`)
    for (const [key, value] of Object.entries({ primary, writable })) {
      if (value !== undefined && typeof value !== 'boolean') {
        throw new TypeError(`${at}.${key} must be true or false.`)
      }
    }
    if (color !== undefined && !(typeof color === 'string' && /^#[\da-f]{6}$/i.test(color))) {
      throw new TypeError(`${at}.color must be a colour such as '#0078d4'.`)
    }
    if (timeZone !== undefined && typeof timeZone !== 'string') {
      throw new TypeError(`${at}.timeZone must be a string such as 'Europe/Paris'.`)
    }
    if (primary === true && ++primaries > 1) {
      throw new TypeError(`${caller}: only one calendar can be primary.`)
    }
    return { ...(fields as unknown as FakePyasCalendar) }
  })
}

/**
 * Replaces an account's calendars and, for a Google account, sends `calendars.created` with the
 * ids that are new and then `calendars.deleted` with the ids that are gone (Pyas sends no calendars
 * webhook for Microsoft). Resolves with the webhooks sent once each was answered with a 2xx.
 */
export async function setCalendars(
  state: FakePyasState,
  accountId: string,
  calendars: readonly FakePyasCalendar[],
): Promise<FakePyasWebhook[]> {
  const caller = 'fake.setCalendars'
  const checked = checkCalendars(calendars, caller)
  const account = findAccount(state, accountId, caller)
  const before = new Set(calendarsOf(state, account).map((calendar) => calendar.id))
  const after = new Set(checked.map((calendar) => calendar.id))
  state.calendars.set(account.accountId, checked)
  const sent: FakePyasWebhook[] = []
  if (account.provider !== 'google') return sent
  const created = [...after].filter((id) => !before.has(id))
  const deleted = [...before].filter((id) => !after.has(id))
  for (const [event, calendarIds] of [
    ['calendars.created', created],
    ['calendars.deleted', deleted],
  ] as const) {
    if (calendarIds.length === 0) continue
    const webhook = await send(state, account, event, caller, { calendarIds })
    if (webhook) sent.push(webhook)
  }
  return sent
}

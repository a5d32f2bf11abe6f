import { isRecord } from './errorFromResponse.js'
import { createProxyRequest, type ProxyClientOptions } from './proxyClient.js'

/** The providers that have calendars (Zoom has meetings, not calendars). */
export type PyasCalendarProvider = 'google' | 'microsoft'

/** One calendar of a connected account, the same shape for Google and Microsoft. */
export interface PyasCalendar {
  /** The provider's calendar id (what an app saves). */
  id: string
  /** The calendar's name, as plain text (never markup). Falls back to `id` when it has none. */
  name: string
  /** The account's main calendar (Google `primary`, Microsoft `isDefaultCalendar`). */
  primary: boolean
  /** New events may be written to it (Google `owner`/`writer`, Microsoft `canEdit`). */
  writable: boolean
  /** Its colour as `#rgb`/`#rrggbb`(`aa`), when the provider gives one. */
  color?: string
  /** Its IANA time zone, when the provider gives one (Google only). */
  timeZone?: string
}

/** True for `google` and `microsoft`, the providers whose calendars Pyas lists. */
export const isCalendarProvider = (value: unknown): value is PyasCalendarProvider =>
  value === 'google' || value === 'microsoft'

/** The React Query key of an account's calendars; invalidate it when a `calendars.*` webhook arrives. */
export const pyasCalendarsKey = (provider: PyasCalendarProvider, accountId: string) =>
  ['pyas', 'calendars', provider, accountId] as const

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

// Only a hex colour is kept: the value ends up in a style, so nothing else from upstream gets there.
const hexColor = (value: unknown): string | undefined =>
  typeof value === 'string' && /^#(?:[\da-f]{3}|[\da-f]{6}|[\da-f]{8})$/i.test(value)
    ? value
    : undefined

/** A Google calendar-list entry as a {@link PyasCalendar}; `summaryOverride` is the user's own name. */
function fromGoogle(entry: Record<string, unknown>, id: string): PyasCalendar {
  const calendar: PyasCalendar = {
    id,
    name: text(entry.summaryOverride) ?? text(entry.summary) ?? id,
    primary: entry.primary === true,
    writable: entry.accessRole === 'owner' || entry.accessRole === 'writer',
  }
  const color = hexColor(entry.backgroundColor)
  if (color) calendar.color = color
  const timeZone = text(entry.timeZone)
  if (timeZone) calendar.timeZone = timeZone
  return calendar
}

/** A Microsoft Graph calendar as a {@link PyasCalendar}. */
function fromMicrosoft(entry: Record<string, unknown>, id: string): PyasCalendar {
  const calendar: PyasCalendar = {
    id,
    name: text(entry.name) ?? id,
    primary: entry.isDefaultCalendar === true,
    writable: entry.canEdit === true,
  }
  const color = hexColor(entry.hexColor)
  if (color) calendar.color = color
  return calendar
}

const collator = /* @__PURE__ */ new Intl.Collator(undefined, { sensitivity: 'base' })

/**
 * The calendars of a Pyas answer (`{success, data: {calendars: [...]}}`) as {@link PyasCalendar}s:
 * entries without a string `id` (and repeats of one) are dropped, the primary calendar comes first,
 * then the others by name. `undefined` for an answer without a `calendars` array (which the proxy
 * request makes a `proxy_error`).
 */
export function normalizeCalendars(
  provider: PyasCalendarProvider,
  body: unknown,
): PyasCalendar[] | undefined {
  const list = isRecord(body) && isRecord(body.data) ? body.data.calendars : undefined
  if (!Array.isArray(list)) return undefined
  const from = provider === 'google' ? fromGoogle : fromMicrosoft
  const seen = new Set<string>()
  const calendars: PyasCalendar[] = []
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') continue
    if (seen.has(entry.id)) continue
    seen.add(entry.id)
    calendars.push(from(entry, entry.id))
  }
  return calendars.sort(
    (a, b) => Number(b.primary) - Number(a.primary) || collator.compare(a.name, b.name),
  )
}

/**
 * `GET {proxyUrl}/{provider}/calendars?accountId=`, through the proxy request every route uses
 * (the client's `fetch`, headers and credentials; failures mapped as for the connect routes), as
 * {@link PyasCalendar}s. An answer without a `calendars` array is a `proxy_error`.
 */
export function fetchCalendars(
  options: ProxyClientOptions,
  provider: PyasCalendarProvider,
  accountId: string,
  signal?: AbortSignal,
): Promise<PyasCalendar[]> {
  const query = new URLSearchParams({ accountId })
  return createProxyRequest(options)(
    `/${provider}/calendars?${query}`,
    { method: 'GET', signal },
    (answer) => normalizeCalendars(provider, answer),
  )
}

import type { ProviderId } from '../core/providers.js'
import type {
  PyasAccountWebhookType,
  PyasCalendarsWebhookType,
  PyasEventsWebhookType,
  PyasWebhookEvent,
  PyasWebhookEventRef,
} from './PyasWebhookEvent.js'

/** What a webhook request turned out to be. */
export type ParsedWebhook =
  | { kind: 'event'; event: PyasWebhookEvent }
  | { kind: 'invalid' }
  | { kind: 'unknown'; type: string }

const ACCOUNT: ReadonlySet<string> = new Set<PyasAccountWebhookType>([
  'account.connected',
  'account.inactive',
  'account.deleted',
])
const CALENDARS: ReadonlySet<string> = new Set<PyasCalendarsWebhookType>([
  'calendars.created',
  'calendars.deleted',
])
const EVENTS: ReadonlySet<string> = new Set<PyasEventsWebhookType>([
  'events.created',
  'events.updated',
  'events.deleted',
])
// Pyas spells them `Google`, `Microsoft`, `Zoom`; any case is accepted.
const PROVIDERS: ReadonlyMap<string, ProviderId> = new Map([
  ['google', 'google'],
  ['microsoft', 'microsoft'],
  ['zoom', 'zoom'],
])

const INVALID = { kind: 'invalid' } as const
const decoder = new TextDecoder('utf-8', { fatal: true })

function parseObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function calendarIds(body: Record<string, unknown> | null): string[] | null {
  const ids = body?.calendarIds
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? [...ids] : null
}

function eventRefs(body: Record<string, unknown> | null): PyasWebhookEventRef[] | null {
  const events = body?.events
  if (!Array.isArray(events)) return null
  const refs: PyasWebhookEventRef[] = []
  for (const item of events) {
    const { calendarId, eventId } = (item ?? {}) as Record<string, unknown>
    if (typeof item !== 'object' || typeof calendarId !== 'string' || typeof eventId !== 'string') {
      return null
    }
    // Only the documented fields, so nothing unexpected reaches the app's code.
    refs.push({ calendarId, eventId })
  }
  return refs
}

/**
 * Reads a Pyas webhook from its headers and body: the 400 checks (headers, then the body's shape
 * for calendars and events triggers), with an unknown trigger told apart so it can be ignored.
 */
export function parseWebhookEvent(headers: Headers, bytes: Uint8Array): ParsedWebhook {
  const accountId = headers.get('x-pyas-account-id')?.trim()
  const type = headers.get('x-pyas-webhook-event')?.trim()
  const provider = PROVIDERS.get(headers.get('x-provider')?.trim().toLowerCase() ?? '')
  if (!accountId || !type || !provider) return INVALID
  if (ACCOUNT.has(type)) {
    // Documented as empty: whatever it holds is not read.
    return { kind: 'event', event: { type: type as PyasAccountWebhookType, accountId, provider } }
  }
  if (CALENDARS.has(type)) {
    const ids = calendarIds(parseObject(bytes))
    if (!ids) return INVALID
    const event = { type: type as PyasCalendarsWebhookType, accountId, provider, calendarIds: ids }
    return { kind: 'event', event }
  }
  if (EVENTS.has(type)) {
    const events = eventRefs(parseObject(bytes))
    if (!events) return INVALID
    return {
      kind: 'event',
      event: { type: type as PyasEventsWebhookType, accountId, provider, events },
    }
  }
  return { kind: 'unknown', type }
}

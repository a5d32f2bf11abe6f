import type { ProviderId } from '../core/providers.js'
import { PROVIDER_DETAILS } from './providerDetails.js'

const CALENDAR_EVENTS = ['calendars.created', 'calendars.deleted']
const EVENT_EVENTS = ['events.created', 'events.updated', 'events.deleted']

const isId = (value: unknown): value is string => typeof value === 'string' && value !== ''

/**
 * Checks a calendars or events webhook against what Pyas documents: `{calendarIds: string[]}`
 * for Google accounts, `{events: [{calendarId, eventId}]}` for Google and Microsoft accounts.
 * Returns a copy of the body; anything else is a `TypeError` naming what to fix.
 */
export function validateWebhookBody(
  event: unknown,
  provider: ProviderId,
  body: unknown,
  caller: string,
): unknown {
  const company = PROVIDER_DETAILS[provider].company
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (CALENDAR_EVENTS.includes(event as string)) {
    if (provider !== 'google') {
      throw new TypeError(
        `${caller}: Pyas sends ${event} for Google accounts only, not ${company}.`,
      )
    }
    const { calendarIds } = fields
    if (!Array.isArray(calendarIds) || calendarIds.length === 0 || !calendarIds.every(isId)) {
      throw new TypeError(
        `${caller}: ${event} needs a body {calendarIds: string[]} (at least one).`,
      )
    }
    return { calendarIds: [...calendarIds] }
  }
  if (EVENT_EVENTS.includes(event as string)) {
    if (provider === 'zoom') {
      throw new TypeError(`${caller}: Pyas sends ${event} for Google and Microsoft accounts only.`)
    }
    const { events } = fields
    const valid =
      Array.isArray(events) &&
      events.length > 0 &&
      events.every(
        (item: unknown) =>
          typeof item === 'object' &&
          item !== null &&
          isId((item as Record<string, unknown>).calendarId) &&
          isId((item as Record<string, unknown>).eventId),
      )
    if (!valid) {
      throw new TypeError(
        `${caller}: ${event} needs a body {events: [{calendarId, eventId}]} (at least one).`,
      )
    }
    return {
      events: (events as Array<{ calendarId: string; eventId: string }>).map(
        ({ calendarId, eventId }) => ({ calendarId, eventId }),
      ),
    }
  }
  const hint = String(event).startsWith('account.')
    ? ' Account webhooks come from a connect, fake.setAccountStatus() and fake.deleteAccount().'
    : ''
  throw new TypeError(
    `${caller}: \`event\` must be one of ${[...CALENDAR_EVENTS, ...EVENT_EVENTS].join(', ')}, not ${JSON.stringify(event)}.${hint}`,
  )
}

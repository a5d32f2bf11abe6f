import type { ProviderId } from '../core/providers.js'

/** The account triggers: their webhook has an empty body. */
export type PyasAccountWebhookType = 'account.connected' | 'account.inactive' | 'account.deleted'

/** The calendar triggers (Google only, says Pyas): the body lists calendar ids. */
export type PyasCalendarsWebhookType = 'calendars.created' | 'calendars.deleted'

/** The event triggers (Google and Microsoft, says Pyas): the body lists changed events. */
export type PyasEventsWebhookType = 'events.created' | 'events.updated' | 'events.deleted'

/** Every trigger the Pyas dashboard offers. */
export type PyasWebhookType =
  | PyasAccountWebhookType
  | PyasCalendarsWebhookType
  | PyasEventsWebhookType

/** An account changed: it was connected, went `inactive` (grant broken) or was deleted. */
export interface PyasAccountWebhookEvent {
  /** The trigger, from the `x-pyas-webhook-event` header. */
  type: PyasAccountWebhookType
  /** From the `x-pyas-account-id` header. */
  accountId: string
  /** From the `x-provider` header (`Google`, `Microsoft` or `Zoom`), lower-cased. */
  provider: ProviderId
}

/** Calendars of the account were created or deleted. */
export interface PyasCalendarsWebhookEvent {
  /** The trigger, from the `x-pyas-webhook-event` header. */
  type: PyasCalendarsWebhookType
  /** From the `x-pyas-account-id` header. */
  accountId: string
  /** From the `x-provider` header, lower-cased. */
  provider: ProviderId
  /** The calendars concerned, from the body's `calendarIds`. */
  calendarIds: string[]
}

/** One calendar event named by an events webhook. */
export interface PyasWebhookEventRef {
  /** The calendar the event is in. */
  calendarId: string
  /** The event's id in that calendar. */
  eventId: string
}

/** Events of the account were created, updated or deleted. */
export interface PyasEventsWebhookEvent {
  /** The trigger, from the `x-pyas-webhook-event` header. */
  type: PyasEventsWebhookType
  /** From the `x-pyas-account-id` header. */
  accountId: string
  /** From the `x-provider` header, lower-cased. */
  provider: ProviderId
  /** The events concerned, from the body's `events`. */
  events: PyasWebhookEventRef[]
}

/**
 * What `onEvent` receives: narrow on `type`. Pyas sends no event id and may deliver an event more
 * than once (it retries after a 5xx), so handle each one idempotently.
 */
export type PyasWebhookEvent =
  | PyasAccountWebhookEvent
  | PyasCalendarsWebhookEvent
  | PyasEventsWebhookEvent

// calendarChoice.ts — server only: it calls Pyas with your API key.
import type { CalendarChoice } from './app.js'

/** Google and Outlook accounts have calendars; Zoom has meetings. */
export const hasCalendars = (provider: string): provider is 'google' | 'microsoft' =>
  provider === 'google' || provider === 'microsoft'

/** An account's calendars as Pyas lists them now: the only ids a user may choose from. */
export async function listCalendars(provider: 'google' | 'microsoft', accountId: string) {
  const url = new URL(`/${provider}/calendars`, process.env.PYAS_BASE_URL ?? 'https://api.pyas.io')
  url.searchParams.set('accountId', accountId)
  const response = await fetch(url, { headers: { 'x-api-key': process.env.PYAS_API_KEY! } })
  if (!response.ok) throw new Error(`Pyas could not list the calendars (HTTP ${response.status})`)
  const { data } = (await response.json()) as {
    data: { calendars: Array<Record<string, unknown>> }
  }
  return data.calendars.map((calendar) => ({
    id: String(calendar.id),
    // Google: accessRole owner or writer; Microsoft: canEdit.
    writable:
      provider === 'google'
        ? calendar.accessRole === 'owner' || calendar.accessRole === 'writer'
        : calendar.canEdit === true,
  }))
}

type Checked =
  | { ok: true; choice: CalendarChoice }
  | { ok: false; status: number; body: { error: string; message: string; calendarIds?: string[] } }

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 1000

/**
 * What the browser sent, checked against the account's calendars as Pyas lists them: every id
 * must be one of them, and the destination writable. The browser's ids are never proof.
 */
export async function checkCalendarChoice(
  provider: 'google' | 'microsoft',
  accountId: string,
  input: unknown,
): Promise<Checked> {
  const { conflicts, destination } = (input ?? {}) as Record<string, unknown>
  if (
    !Array.isArray(conflicts) ||
    conflicts.length > 100 ||
    !conflicts.every(isId) ||
    !(destination === null || isId(destination))
  ) {
    const message = 'Send {conflicts: string[], destination: string | null}.'
    return { ok: false, status: 400, body: { error: 'invalid_request', message } }
  }
  let calendars: Awaited<ReturnType<typeof listCalendars>>
  try {
    calendars = await listCalendars(provider, accountId)
  } catch {
    const message = 'Could not list the calendars. Try again.'
    return { ok: false, status: 502, body: { error: 'upstream_error', message } }
  }
  const byId = new Map(calendars.map((calendar) => [calendar.id, calendar]))
  const chosen = destination === null ? conflicts : [...conflicts, destination]
  const unknown = [...new Set(chosen.filter((id) => !byId.has(id)))]
  if (unknown.length > 0) {
    const message = 'These calendars are not calendars of this account.'
    return {
      ok: false,
      status: 400,
      body: { error: 'unknown_calendar', message, calendarIds: unknown },
    }
  }
  if (destination !== null && !byId.get(destination)?.writable) {
    const message = 'New bookings cannot be added to a read-only calendar.'
    return { ok: false, status: 400, body: { error: 'read_only_destination', message } }
  }
  return { ok: true, choice: { conflicts: [...new Set(conflicts)], destination } }
}

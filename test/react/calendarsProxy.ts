import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { PROXY } from './helpers.js'

/** Google calendar-list entries as Pyas passes them on (unsorted, as Google returns them). */
export const GOOGLE_CALENDARS = [
  {
    kind: 'calendar#calendarListEntry',
    id: 'en.usa#holiday@group.v.calendar.google.com',
    summary: 'Holidays in United States',
    timeZone: 'America/New_York',
    backgroundColor: '#16a765',
    accessRole: 'reader',
  },
  {
    kind: 'calendar#calendarListEntry',
    id: 'team@group.calendar.google.com',
    summary: '<img src=x onerror=alert(1)>Team',
    timeZone: 'Europe/London',
    backgroundColor: '#9fe1e7',
    accessRole: 'writer',
  },
  {
    kind: 'calendar#calendarListEntry',
    id: 'ada@example.com',
    summary: 'ada@example.com',
    timeZone: 'Europe/London',
    backgroundColor: '#9a9cff',
    accessRole: 'owner',
    primary: true,
  },
]

/** Graph calendars as Pyas passes them on. */
export const MICROSOFT_CALENDARS = [
  { id: 'AAMk-holidays', name: 'United States holidays', isDefaultCalendar: false, canEdit: false },
  {
    id: 'AAMk-default',
    name: 'Calendar',
    isDefaultCalendar: true,
    canEdit: true,
    hexColor: '#0078d4',
  },
]

/**
 * A stand-in for the proxy's calendars route (`GET /api/pyas/{provider}/calendars`), answering like
 * Pyas; `requests` records each request's URL.
 */
export function setupCalendarsProxy() {
  const requests: URL[] = []
  const server = setupServer(
    http.get(`${PROXY}/:provider/calendars`, ({ request, params }) => {
      const url = new URL(request.url)
      requests.push(url)
      if (!url.searchParams.get('accountId')) {
        return HttpResponse.json(
          { errors: [{ msg: 'Invalid value', param: 'accountId', location: 'query' }] },
          { status: 400 },
        )
      }
      const calendars =
        params.provider === 'google'
          ? GOOGLE_CALENDARS
          : params.provider === 'microsoft'
            ? MICROSOFT_CALENDARS
            : undefined
      if (!calendars) {
        return HttpResponse.json({ success: false, error: 'Not Found', code: 404 }, { status: 404 })
      }
      return HttpResponse.json({ success: true, data: { calendars } })
    }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    requests.length = 0
  })
  afterAll(() => server.close())
  return { server, requests }
}

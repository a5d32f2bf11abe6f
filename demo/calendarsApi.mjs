// Which calendars a user checks for conflicts, and which one new bookings go to, for each account
// they connected: saved on this server per (signed-in user, accountId), never trusted from the
// browser. The browser names an account and calendar ids; the server checks that the account is
// the user's own, lists the account's calendars again from Pyas (the fake offline), and saves only
// ids from that list, with a writable destination.
//
//   GET  /api/accounts/:accountId/calendars          the saved choice (`selection: null` if none)
//   PUT  /api/accounts/:accountId/calendars          save {conflicts: string[], destination: string | null}
//   POST /api/demo/accounts/:accountId/calendars     offline only: the fake Pyas adds a calendar
//                                                    (and sends its calendars.created webhook)
//
// Answers: 200 with the choice; 400 `invalid_request` (malformed id or body), `unknown_calendar`
// (an id that is not one of the account's calendars) or `read_only_destination`; 401 without a
// session; 403 for a state-changing call from another origin; 404 `not_found` for an account that
// is not the user's (whoever else has it: the answer does not tell), or a Zoom account (no
// calendars); 502 `upstream_error` when Pyas could not list the calendars.
import { idFromSegment, readJson, sendJson } from './demoApi.mjs'

const MAX_CALENDARS = 100
const MAX_CALENDAR_ID = 1000
const CALENDAR_PROVIDERS = new Set(['google', 'microsoft'])

/**
 * Lists an account's calendars from Pyas on the server (with the API key, which never reaches the
 * browser), in the one shape the picker uses for both providers (`normalize` is the library's own
 * `normalizeCalendars`, loaded by the server, so the server checks ids against exactly the list the
 * browser shows). Throws `UpstreamError` when Pyas answers anything but a 2xx with a calendars list.
 * @param {{ fetch?: typeof fetch, baseUrl: string, apiKey: string,
 *   normalize: (provider: string, body: unknown) => Array<{ id: string, name: string, primary: boolean, writable: boolean, color?: string }> | undefined }} options
 */
export function createCalendarLister({ fetch: fetchImpl = fetch, baseUrl, apiKey, normalize }) {
  return async function listCalendars(provider, accountId) {
    const url = `${baseUrl.replace(/\/$/, '')}/${provider}/calendars?accountId=${encodeURIComponent(accountId)}`
    const response = await fetchImpl(url, {
      headers: { accept: 'application/json', 'x-api-key': apiKey },
      signal: AbortSignal.timeout(10_000),
    })
    const list = normalize(provider, await response.json().catch(() => undefined))
    if (!response.ok || list === undefined) throw new UpstreamError(response.status)
    return list
  }
}

export class UpstreamError extends Error {
  constructor(status) {
    super(`Pyas could not list the calendars (HTTP ${status})`)
    this.name = 'UpstreamError'
    this.status = status
  }
}

const isCalendarId = (value) =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_CALENDAR_ID

/**
 * The body of a save, or a message saying what is wrong with it. `conflicts`: up to 100 distinct
 * calendar ids (possibly none); `destination`: one id, or `null` for none.
 */
export function readSelection(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { message: 'Send a JSON object {conflicts, destination}.' }
  }
  const { conflicts, destination } = body
  if (!Array.isArray(conflicts) || conflicts.length > MAX_CALENDARS) {
    return { message: `\`conflicts\` must be an array of at most ${MAX_CALENDARS} calendar ids.` }
  }
  if (!conflicts.every(isCalendarId)) {
    return { message: '`conflicts` must hold calendar ids (non-empty strings).' }
  }
  if (new Set(conflicts).size !== conflicts.length) {
    return { message: '`conflicts` lists a calendar twice.' }
  }
  if (destination !== null && !isCalendarId(destination)) {
    return { message: '`destination` must be a calendar id, or null.' }
  }
  return { selection: { conflicts, destination } }
}

/**
 * The choice checked against the account's calendars as Pyas lists them now: every id must be one
 * of them, and the destination writable. `undefined` when it passes, else the error body.
 */
export function checkSelection(selection, calendars) {
  const byId = new Map(calendars.map((calendar) => [calendar.id, calendar]))
  const chosen = [...selection.conflicts, ...(selection.destination ? [selection.destination] : [])]
  const unknown = [...new Set(chosen.filter((id) => !byId.has(id)))]
  if (unknown.length > 0) {
    return {
      error: 'unknown_calendar',
      message: 'These calendars are not calendars of this account.',
      calendarIds: unknown,
    }
  }
  if (selection.destination && !byId.get(selection.destination).writable) {
    return {
      error: 'read_only_destination',
      message: 'New bookings cannot be added to a read-only calendar.',
      calendarId: selection.destination,
    }
  }
  return undefined
}

/**
 * @param {object} options
 * @param {import('./accountStore.d.mts').AccountStore} options.store
 * @param {(cookieHeader: string | null | undefined) => Promise<{ id: string } | undefined>} options.userOf
 *   the signed-in user of a request
 * @param {(provider: string, accountId: string) => Promise<Array<{ id: string, name: string, primary: boolean, writable: boolean, color?: string }>>} options.listCalendars
 *   the account's calendars, from Pyas (see `createCalendarLister`)
 * @param {{ setCalendars(accountId: string, calendars: object[]): Promise<unknown> }} [options.fakePyas]
 *   offline only: lets "Add a calendar (simulate)" change the fake's calendars
 */
export function createCalendarsApi({ store, userOf, listCalendars, fakePyas }) {
  const sameOrigin = (req) => req.headers.origin === `http://${req.headers.host}`

  /**
   * The signed-in user and their row of the account, or the answer to send instead: 401 without
   * a session, 404 when the account is not theirs (the same whether someone else has it or not).
   */
  async function ownRow(req, res, accountId) {
    const user = await userOf(req.headers.cookie)
    if (!user) return sendJson(res, 401, { error: 'unauthorized' })
    const account = await store.getAccount(user.id, accountId)
    if (!account || !CALENDAR_PROVIDERS.has(account.provider)) {
      return sendJson(res, 404, { error: 'not_found' })
    }
    return { user, account }
  }

  async function read(req, res, accountId) {
    const own = await ownRow(req, res, accountId)
    if (!own) return
    const selection = await store.getCalendarSelection(own.user.id, accountId)
    return sendJson(res, 200, {
      selection: selection ?? null,
      calendarsChangedAt: await store.calendarsChangedAt(accountId),
    })
  }

  async function save(req, res, accountId) {
    if (!sameOrigin(req)) return sendJson(res, 403, { error: 'forbidden' })
    const own = await ownRow(req, res, accountId)
    if (!own) return
    const { selection, message } = readSelection(await readJson(req))
    if (!selection) return sendJson(res, 400, { error: 'invalid_request', message })
    let calendars
    try {
      // The provider is the saved row's, never the browser's.
      calendars = await listCalendars(own.account.provider, accountId)
    } catch (error) {
      return sendJson(res, 502, {
        error: 'upstream_error',
        message: 'Could not list the account’s calendars. Try again.',
        ...(error instanceof UpstreamError ? { status: error.status } : {}),
      })
    }
    const refused = checkSelection(selection, calendars)
    if (refused) return sendJson(res, 400, refused)
    const saved = await store.saveCalendarSelection(own.user.id, accountId, selection)
    // Disconnected while Pyas was answering: the row (and its choice) is gone.
    if (!saved) return sendJson(res, 404, { error: 'not_found' })
    return sendJson(res, 200, { selection: saved })
  }

  /** Offline: the fake Pyas gets one more calendar for a Google account, and says so by webhook. */
  async function simulateNewCalendar(req, res, accountId) {
    if (!sameOrigin(req)) return sendJson(res, 403, { error: 'forbidden' })
    const own = await ownRow(req, res, accountId)
    if (!own) return
    if (own.account.provider !== 'google') return sendJson(res, 404, { error: 'not_found' })
    const calendars = await listCalendars('google', accountId)
    const count = calendars.filter((calendar) => calendar.name.startsWith('Side project')).length
    const next = [
      ...calendars,
      {
        id: `c_${accountId}_side${count + 1}@group.calendar.google.com`,
        name: `Side project ${count + 1}`,
        color: '#f691b2',
      },
    ]
    // Answered once the fake's calendars.created webhook was handled here, so a page that
    // reads the account's calendars next sees the new one.
    await fakePyas.setCalendars(
      accountId,
      next.map(({ id, name, primary, writable, color }) => ({
        id,
        name,
        ...(primary ? { primary } : {}),
        ...(writable === false ? { writable } : {}),
        ...(color && /^#[\da-f]{6}$/i.test(color) ? { color } : {}),
      })),
    )
    return sendJson(res, 204)
  }

  /** Handles the routes above; `false` for any other path. */
  async function handle(req, res) {
    const path = (req.url ?? '/').split('?')[0]
    const method = req.method ?? 'GET'
    const choice = /^\/api\/accounts\/([^/]+)\/calendars$/.exec(path)
    const simulate = fakePyas && /^\/api\/demo\/accounts\/([^/]+)\/calendars$/.exec(path)
    if (!choice && !simulate) return false
    const accountId = idFromSegment((choice ?? simulate)[1])
    if (choice) {
      if (method !== 'GET' && method !== 'PUT') {
        return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET, PUT' })
      }
      if (accountId === undefined) return sendJson(res, 400, { error: 'invalid_request' })
      return method === 'GET' ? read(req, res, accountId) : save(req, res, accountId)
    }
    if (method !== 'POST') {
      return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' })
    }
    if (accountId === undefined) return sendJson(res, 400, { error: 'invalid_request' })
    return simulateNewCalendar(req, res, accountId)
  }

  /**
   * The proxy's `authorizeAccount`: the browser may list an account's calendars only when the
   * signed-in user has that account, for that provider.
   */
  async function authorizeAccount({ request, provider, accountId }) {
    const user = await userOf(request.headers.get('cookie'))
    if (!user) return false
    const account = await store.getAccount(user.id, accountId)
    return account?.provider === provider
  }

  /** A `calendars.*` webhook: the page lists the account's calendars again when it sees this. */
  const calendarsChanged = (accountId) => store.markCalendarsChanged(accountId)

  return { handle, authorizeAccount, calendarsChanged }
}

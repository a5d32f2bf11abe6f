// @vitest-environment node
// The demo's calendar choice over real HTTP, on an in-memory PGlite, with the calendars listed
// from a fake Pyas the way the server lists them from Pyas: only the user's own account, only ids
// Pyas lists for it, never a read-only destination; and the proxy's `authorizeAccount`.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AccountStore, openAccountStore } from '../../demo/accountStore.mjs'
import {
  checkSelection,
  createCalendarLister,
  createCalendarsApi,
  readSelection,
} from '../../demo/calendarsApi.mjs'
import { createDemoApi } from '../../demo/demoApi.mjs'
import { normalizeCalendars as normalize } from '../../src/core/calendars.js'
import { createPyasWebhookHandler } from '../../src/server/index.js'
import { createFakePyas } from '../../src/testing/index.js'

const SECRET = 'calendars-test-webhook-secret'
const HOLIDAYS = 'en.usa#holiday@group.v.calendar.google.com'

let store: AccountStore
let server: Server
let base: string
let calendarsApi: ReturnType<typeof createCalendarsApi>
const fake = createFakePyas({
  apiKey: 'fake_key',
  redirectUrl: 'http://127.0.0.1/',
  webhookUrl: `http://127.0.0.1/api/webhooks/pyas?token=${SECRET}`,
  // The fake's webhooks reach the same handler the demo server mounts, in memory.
  webhookFetch: (input, init) => webhooks(new Request(input, init)),
})
const webhooks = createPyasWebhookHandler({
  secret: SECRET,
  async onEvent(event) {
    if (event.type.startsWith('calendars.')) await calendarsApi.calendarsChanged(event.accountId)
  },
})

beforeAll(async () => {
  store = await openAccountStore()
  const api = createDemoApi({ store })
  calendarsApi = createCalendarsApi({
    store,
    userOf: api.userOf,
    listCalendars: createCalendarLister({
      apiKey: 'fake_key',
      baseUrl: 'http://127.0.0.1/fake-pyas',
      fetch: fake.fetch,
      normalize,
    }),
    fakePyas: fake,
  })
  server = createServer((req, res) => {
    calendarsApi
      .handle(req, res)
      .then((handled) => (handled === false ? api.handle(req, res) : handled))
      .then((handled) => {
        if (handled === false) res.writeHead(404).end()
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 30_000)
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await store?.close()
})

/** A new signed-in user: the cookie to send and their id in the store. */
async function signIn() {
  const response = await fetch(`${base}/api/session`)
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const id = (await calendarsApiUser(cookie)) as string
  return { cookie, id }
}
const calendarsApiUser = async (cookie: string) =>
  (await store.getUser(/acme_session=([\w-]+)/.exec(cookie)?.[1] ?? ''))?.id

/** Connects an account at the fake and saves it for the user, as the proxy's `onConnected` does. */
async function connect(userId: string, provider: 'google' | 'microsoft' | 'zoom', email: string) {
  const code = fake.issueCode(provider, { email })
  const response = await fake.fetch(`http://127.0.0.1/fake-pyas/${provider}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'fake_key' },
    body: JSON.stringify({ code, name: 'Test user' }),
  })
  const { account } = (await response.json()).data
  await store.upsertAccount(userId, account)
  return account.accountId as string
}

const put = (cookie: string, accountId: string, body: unknown, origin = base) =>
  fetch(`${base}/api/accounts/${encodeURIComponent(accountId)}/calendars`, {
    method: 'PUT',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const get = (cookie: string, accountId: string) =>
  fetch(`${base}/api/accounts/${encodeURIComponent(accountId)}/calendars`, { headers: { cookie } })

describe('demo calendars API', () => {
  it('saves a choice of the account’s own calendars, and reads it back', async () => {
    const ada = await signIn()
    const id = await connect(ada.id, 'google', 'ada@example.com')
    expect(await (await get(ada.cookie, id)).json()).toEqual({
      selection: null,
      calendarsChangedAt: null,
    })
    const team = `c_${id}_team@group.calendar.google.com`
    const saved = await put(ada.cookie, id, { conflicts: [team, HOLIDAYS], destination: team })
    expect(saved.status).toBe(200)
    expect((await saved.json()).selection).toMatchObject({
      conflicts: [team, HOLIDAYS],
      destination: team,
    })
    const read = await get(ada.cookie, id)
    expect(read.headers.get('cache-control')).toBe('no-store')
    expect((await read.json()).selection).toMatchObject({
      conflicts: [team, HOLIDAYS],
      destination: team,
    })
  })

  it('refuses another account’s calendar id and a read-only destination, with a typed error', async () => {
    const ada = await signIn()
    const grace = await signIn()
    const adaId = await connect(ada.id, 'google', 'ada.two@example.com')
    const graceId = await connect(grace.id, 'google', 'grace@example.com')
    const graceTeam = `c_${graceId}_team@group.calendar.google.com`
    const foreign = await put(ada.cookie, adaId, {
      conflicts: ['ada.two@example.com', graceTeam],
      destination: 'ada.two@example.com',
    })
    expect(foreign.status).toBe(400)
    expect(await foreign.json()).toEqual({
      error: 'unknown_calendar',
      message: 'These calendars are not calendars of this account.',
      calendarIds: [graceTeam],
    })
    const foreignDestination = await put(ada.cookie, adaId, {
      conflicts: [],
      destination: 'grace@example.com',
    })
    expect((await foreignDestination.json()).calendarIds).toEqual(['grace@example.com'])
    const readOnly = await put(ada.cookie, adaId, { conflicts: [], destination: HOLIDAYS })
    expect(readOnly.status).toBe(400)
    expect(await readOnly.json()).toEqual({
      error: 'read_only_destination',
      message: 'New bookings cannot be added to a read-only calendar.',
      calendarId: HOLIDAYS,
    })
    expect((await (await get(ada.cookie, adaId)).json()).selection).toBeNull()
  })

  it('answers 404 for an account that is not the user’s, whether or not someone has it', async () => {
    const ada = await signIn()
    const grace = await signIn()
    const graceId = await connect(grace.id, 'google', 'grace.two@example.com')
    const choice = { conflicts: ['grace.two@example.com'], destination: 'grace.two@example.com' }
    for (const accountId of [graceId, 'acc_nobody_has']) {
      const read = await get(ada.cookie, accountId)
      expect(read.status).toBe(404)
      expect(await read.json()).toEqual({ error: 'not_found' })
      expect((await put(ada.cookie, accountId, choice)).status).toBe(404)
    }
    // Grace's own account saves fine, and Ada still cannot read it.
    expect((await put(grace.cookie, graceId, choice)).status).toBe(200)
    expect((await get(ada.cookie, graceId)).status).toBe(404)
  })

  it('refuses a Zoom account (no calendars), no session, another origin, and malformed input', async () => {
    const ada = await signIn()
    const zoomId = await connect(ada.id, 'zoom', 'ada@example.com')
    expect((await get(ada.cookie, zoomId)).status).toBe(404)
    const googleId = await connect(ada.id, 'google', 'ada.three@example.com')
    const good = { conflicts: [], destination: null }
    expect((await get('', googleId)).status).toBe(401)
    expect((await put('', googleId, good)).status).toBe(401)
    const foreignOrigin = await put(ada.cookie, googleId, good, 'https://evil.example')
    expect(foreignOrigin.status).toBe(403)
    for (const body of [
      '{not json',
      [],
      { conflicts: 'x', destination: null },
      { conflicts: [42], destination: null },
      { conflicts: ['a', 'a'], destination: null },
      { conflicts: [], destination: 7 },
      { conflicts: [] },
      { conflicts: Array.from({ length: 101 }, (_, i) => `c${i}`), destination: null },
    ]) {
      const response = await put(ada.cookie, googleId, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      const answer = await response.json()
      expect(answer.error).toBe('invalid_request')
      expect(answer.message).toMatch(/conflicts|destination|JSON object/)
    }
    expect(
      (await fetch(`${base}/api/accounts/%E0%A4%A/calendars`, { headers: { cookie: ada.cookie } }))
        .status,
    ).toBe(400)
    const del = await fetch(`${base}/api/accounts/${googleId}/calendars`, {
      method: 'DELETE',
      headers: { cookie: ada.cookie, origin: base },
    })
    expect(del.status).toBe(405)
    expect(del.headers.get('allow')).toBe('GET, PUT')
    // An empty choice (nothing checked, no destination) is a valid one.
    expect((await put(ada.cookie, googleId, good)).status).toBe(200)
  })

  it('answers 502 when Pyas cannot list the calendars, and saves nothing', async () => {
    const ada = await signIn()
    const id = await connect(ada.id, 'google', 'ada.four@example.com')
    const failing = createCalendarsApi({
      store,
      userOf: async () => ({ id: ada.id }),
      listCalendars: async () => {
        throw new Error('network down')
      },
    })
    const answered = await new Promise<{ status: number; body: string }>((resolve) => {
      const probe = createServer((req, res) => {
        void failing.handle(req, res)
      })
      probe.listen(0, '127.0.0.1', async () => {
        const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`
        const response = await fetch(`${url}/api/accounts/${id}/calendars`, {
          method: 'PUT',
          headers: { origin: url, 'content-type': 'application/json' },
          body: JSON.stringify({ conflicts: [], destination: null }),
        })
        resolve({ status: response.status, body: await response.text() })
        probe.close()
      })
    })
    expect(answered.status).toBe(502)
    expect(JSON.parse(answered.body).error).toBe('upstream_error')
    expect(await store.getCalendarSelection(ada.id, id)).toBeUndefined()
  })

  it('a calendars.created webhook marks the account’s calendars changed (the simulated add)', async () => {
    const ada = await signIn()
    const id = await connect(ada.id, 'google', 'ada.five@example.com')
    const simulate = await fetch(`${base}/api/demo/accounts/${id}/calendars`, {
      method: 'POST',
      headers: { cookie: ada.cookie, origin: base },
    })
    expect(simulate.status).toBe(204)
    const { calendarsChangedAt } = await (await get(ada.cookie, id)).json()
    expect(typeof calendarsChangedAt).toBe('string')
    // The new calendar can be chosen now.
    const side = `c_${id}_side1@group.calendar.google.com`
    expect((await put(ada.cookie, id, { conflicts: [side], destination: side })).status).toBe(200)
    // Another user may not add calendars to it.
    const grace = await signIn()
    const forged = await fetch(`${base}/api/demo/accounts/${id}/calendars`, {
      method: 'POST',
      headers: { cookie: grace.cookie, origin: base },
    })
    expect(forged.status).toBe(404)
  })

  it('the proxy’s authorizeAccount allows only the signed-in user’s account, for its provider', async () => {
    const ada = await signIn()
    const grace = await signIn()
    const id = await connect(ada.id, 'google', 'ada.six@example.com')
    const request = (cookie: string) => new Request(base, { headers: { cookie } })
    const ask = (cookie: string, provider: string, accountId = id) =>
      calendarsApi.authorizeAccount({ request: request(cookie), provider, accountId })
    expect(await ask(ada.cookie, 'google')).toBe(true)
    expect(await ask(ada.cookie, 'microsoft')).toBe(false)
    expect(await ask(grace.cookie, 'google')).toBe(false)
    expect(await ask('', 'google')).toBe(false)
    expect(await ask(ada.cookie, 'google', 'acc_unknown')).toBe(false)
  })
})

describe('readSelection and checkSelection', () => {
  const calendars = [
    { id: 'main', name: 'Main', primary: true, writable: true },
    { id: 'holidays', name: 'Holidays', primary: false, writable: false },
  ]
  it('accepts own ids and a writable destination', () => {
    const { selection } = readSelection({ conflicts: ['main', 'holidays'], destination: 'main' })
    expect(selection).toEqual({ conflicts: ['main', 'holidays'], destination: 'main' })
    expect(checkSelection(selection as never, calendars)).toBeUndefined()
  })
  it('names every unknown id once', () => {
    expect(
      checkSelection({ conflicts: ['x', 'main', 'y'], destination: 'x' }, calendars),
    ).toMatchObject({ error: 'unknown_calendar', calendarIds: ['x', 'y'] })
  })
})

describe('createCalendarLister', () => {
  it('lists Microsoft calendars in one shape, and throws on an upstream error', async () => {
    const ada = await signIn()
    const id = await connect(ada.id, 'microsoft', 'ada@example.com')
    const list = createCalendarLister({
      apiKey: 'fake_key',
      baseUrl: 'http://127.0.0.1/fake-pyas/',
      fetch: fake.fetch,
      normalize,
    })
    expect(await list('microsoft', id)).toEqual([
      {
        id: `AAMkAD${id}-calendar`,
        name: 'Calendar',
        primary: true,
        writable: true,
        color: '#0078d4',
      },
      { id: `AAMkAD${id}-team`, name: 'Team', primary: false, writable: true, color: '#a4262c' },
      {
        id: `AAMkAD${id}-holidays`,
        name: 'United States holidays',
        primary: false,
        writable: false,
      },
    ])
    await expect(list('microsoft', 'acc_unknown')).rejects.toMatchObject({
      name: 'UpstreamError',
      status: 404,
    })
    const wrongKey = createCalendarLister({
      apiKey: 'nope',
      baseUrl: 'http://127.0.0.1/fake-pyas',
      fetch: fake.fetch,
      normalize,
    })
    await expect(wrongKey('microsoft', id)).rejects.toMatchObject({ status: 401 })
  })
})

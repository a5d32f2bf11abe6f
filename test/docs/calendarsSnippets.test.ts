// @vitest-environment node
// The "Choosing calendars" page's server code, run as shown: the Next.js route handler, the
// Express router and the proxy with `authorizeAccount`, against a fake Pyas served over HTTP on
// 127.0.0.1 (PYAS_BASE_URL), so the snippets call it exactly as they would call Pyas.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../docs/snippets/calendars/app.js'
import { calendarsRoutes } from '../../docs/snippets/calendars/expressRoute.js'
import { GET as nextGET, PUT as nextPUT } from '../../docs/snippets/calendars/nextRoute.js'
import { toNodeHandler } from '../../src/server/index.js'
import { createFakePyas } from '../../src/testing/index.js'

const API_KEY = 'docs_calendars_key'
const HOLIDAYS = 'en.usa#holiday@group.v.calendar.google.com'
const fake = createFakePyas({ apiKey: API_KEY, redirectUrl: 'http://127.0.0.1/' })
let pyasServer: Server
let expressServer: Server
let expressUrl: string
let ada: { accountId: string; team: string }
let grace: { accountId: string; team: string }
let adaZoom: string

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function connect(userId: string, provider: 'google' | 'zoom', email: string) {
  const code = fake.issueCode(provider, { email })
  const response = await fake.fetch(`http://fake/${provider}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ code, name: 'Someone' }),
  })
  const { accountId } = (await response.json()).data.account
  await db.saveCalendarAccount(userId, accountId, provider)
  return accountId as string
}

beforeAll(async () => {
  pyasServer = createServer(toNodeHandler(fake.handle))
  process.env.PYAS_BASE_URL = await listen(pyasServer)
  process.env.PYAS_API_KEY = API_KEY
  const adaId = await connect('ada', 'google', 'ada@example.com')
  const graceId = await connect('grace', 'google', 'grace@example.com')
  ada = { accountId: adaId, team: `c_${adaId}_team@group.calendar.google.com` }
  grace = { accountId: graceId, team: `c_${graceId}_team@group.calendar.google.com` }
  adaZoom = await connect('ada', 'zoom', 'ada@example.com')
  const app = express()
  app.use(calendarsRoutes)
  expressServer = createServer(app)
  expressUrl = await listen(expressServer)
})
afterAll(async () => {
  await new Promise((resolve) => expressServer?.close(resolve))
  await new Promise((resolve) => pyasServer?.close(resolve))
  delete process.env.PYAS_BASE_URL
  delete process.env.PYAS_API_KEY
})

type Call = (
  method: 'GET' | 'PUT',
  accountId: string,
  user: string | null,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>

/** The Next.js handler, called as Next.js calls it: a Request and a promise of the params. */
const viaNext: Call = async (method, accountId, user, body) => {
  const request = new Request(`http://localhost:3000/api/accounts/${accountId}/calendars`, {
    method,
    headers: { 'content-type': 'application/json', ...(user ? { cookie: `session=${user}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const handler = method === 'GET' ? nextGET : nextPUT
  const response = await handler(request, { params: Promise.resolve({ accountId }) })
  return { status: response.status, body: await response.json() }
}

/** The Express router, over HTTP. */
const viaExpress: Call = async (method, accountId, user, body) => {
  const response = await fetch(
    `${expressUrl}/api/accounts/${encodeURIComponent(accountId)}/calendars`,
    {
      method,
      headers: {
        'content-type': 'application/json',
        ...(user ? { cookie: `session=${user}` } : {}),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    },
  )
  return { status: response.status, body: await response.json() }
}

describe.each([
  { framework: 'Next.js App Router', call: viaNext },
  { framework: 'Express 5', call: viaExpress },
])('saving a calendar choice with $framework', ({ call }) => {
  it('saves the account’s own calendars and reads them back', async () => {
    const choice = { conflicts: ['ada@example.com', HOLIDAYS], destination: ada.team }
    const saved = await call('PUT', ada.accountId, 'ada', choice)
    expect(saved).toEqual({ status: 200, body: { choice } })
    expect(await call('GET', ada.accountId, 'ada')).toEqual({ status: 200, body: { choice } })
  })

  it('refuses another account’s calendar id', async () => {
    const refused = await call('PUT', ada.accountId, 'ada', {
      conflicts: [grace.team],
      destination: 'ada@example.com',
    })
    expect(refused).toEqual({
      status: 400,
      body: {
        error: 'unknown_calendar',
        message: 'These calendars are not calendars of this account.',
        calendarIds: [grace.team],
      },
    })
  })

  it('refuses a read-only destination', async () => {
    const refused = await call('PUT', ada.accountId, 'ada', {
      conflicts: [],
      destination: HOLIDAYS,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toBe('read_only_destination')
  })

  it('answers 404 for another user’s account (and a Zoom one), 401 signed out', async () => {
    const choice = { conflicts: [grace.team], destination: grace.team }
    expect((await call('PUT', grace.accountId, 'ada', choice)).status).toBe(404)
    expect((await call('GET', grace.accountId, 'ada')).status).toBe(404)
    expect((await call('GET', adaZoom, 'ada')).status).toBe(404)
    expect((await call('PUT', ada.accountId, null, choice)).status).toBe(401)
    // Grace's own choice is hers to save.
    expect((await call('PUT', grace.accountId, 'grace', choice)).status).toBe(200)
  })

  it('refuses malformed input with invalid_request', async () => {
    for (const body of [{ conflicts: 'all' }, { conflicts: [1], destination: null }, '[]']) {
      const refused = await call('PUT', ada.accountId, 'ada', body)
      expect(refused.status, JSON.stringify(body)).toBe(400)
      expect(refused.body.error).toBe('invalid_request')
    }
  })
})

describe('the proxy with authorizeAccount', () => {
  // Imported once PYAS_BASE_URL names the fake: the proxy reads it when the route module loads.
  const list = async (accountId: string, user: string) =>
    (await import('../../docs/snippets/calendars/proxyRoute.js')).GET(
      new Request(`http://localhost:3000/api/pyas/google/calendars?accountId=${accountId}`, {
        headers: { cookie: `session=${user}` },
      }),
    )

  it('lists the signed-in user’s own account, and refuses a stranger’s with 403', async () => {
    const own = await list(ada.accountId, 'ada')
    expect(own.status).toBe(200)
    const ids = (await own.json()).data.calendars.map((calendar: { id: string }) => calendar.id)
    expect(ids).toContain(ada.team)
    const stranger = await list(grace.accountId, 'ada')
    expect(stranger.status).toBe(403)
    expect(await stranger.json()).toEqual({ error: 'forbidden' })
  })
})

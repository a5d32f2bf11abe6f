// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { normalizeCalendars } from '../../src/core/calendars.js'
import type { ProviderId } from '../../src/core/providers.js'
import {
  createFakePyas,
  type FakePyas,
  FakePyasError,
  type FakePyasFetch,
} from '../../src/testing/index.js'
import { API_KEY, get, post } from './helpers.js'

const WEBHOOK_URL = 'https://app.example/api/webhooks/pyas?token=webhook-secret-0123456789'

function setup(status = 204) {
  const received: Array<{ event: string | null; accountId: string | null; body: unknown }> = []
  const webhookFetch: FakePyasFetch = async (input, init) => {
    const request = new Request(input, init)
    received.push({
      event: request.headers.get('x-pyas-webhook-event'),
      accountId: request.headers.get('x-pyas-account-id'),
      body: await request.json().catch(() => undefined),
    })
    return new Response(null, { status })
  }
  const fake = createFakePyas({
    redirectUrl: 'https://app.example/settings',
    apiKey: API_KEY,
    webhookUrl: WEBHOOK_URL,
    webhookFetch,
  })
  return { fake, received }
}

async function connect(fake: FakePyas, provider: ProviderId, email = 'ada@example.com') {
  const code = fake.issueCode(provider, { email })
  const response = await post(fake, `/${provider}/connect`, { code, name: 'Ada Lovelace' })
  return (await response.json()).data.account.accountId as string
}

const list = async (fake: FakePyas, provider: string, accountId: string) => {
  const response = await get(
    fake,
    `/${provider}/calendars?accountId=${encodeURIComponent(accountId)}`,
  )
  return { status: response.status, body: await response.json() }
}

describe('createFakePyas calendars', () => {
  it("should list a Google account's calendars as calendar-list entries", async () => {
    const { fake } = setup()
    const accountId = await connect(fake, 'google')
    const { status, body } = await list(fake, 'google', accountId)
    expect(status).toBe(200)
    expect(body.success).toBe(true)
    const [primary, team, holidays] = body.data.calendars
    expect(primary).toMatchObject({
      kind: 'calendar#calendarListEntry',
      id: 'ada@example.com',
      summary: 'ada@example.com',
      accessRole: 'owner',
      primary: true,
    })
    expect(team).toMatchObject({ summary: 'Team', accessRole: 'writer' })
    expect(team).not.toHaveProperty('primary')
    expect(holidays).toMatchObject({ summary: 'Holidays in United States', accessRole: 'reader' })
    // What the browser makes of it.
    expect(normalizeCalendars('google', body)!.map((c) => [c.name, c.primary, c.writable])).toEqual(
      [
        ['ada@example.com', true, true],
        ['Holidays in United States', false, false],
        ['Team', false, true],
      ],
    )
  })

  it("should list a Microsoft account's calendars as Graph calendars", async () => {
    const { fake } = setup()
    const accountId = await connect(fake, 'microsoft', 'ada@contoso.com')
    const { status, body } = await list(fake, 'microsoft', accountId)
    expect(status).toBe(200)
    const [primary, team, holidays] = body.data.calendars
    expect(primary).toMatchObject({
      name: 'Calendar',
      isDefaultCalendar: true,
      canEdit: true,
      owner: { name: 'Ada Lovelace', address: 'ada@contoso.com' },
    })
    expect(team).toMatchObject({ name: 'Team', isDefaultCalendar: false, canEdit: true })
    expect(holidays).toMatchObject({ name: 'United States holidays', canEdit: false })
    expect(normalizeCalendars('microsoft', body)![0]).toMatchObject({
      primary: true,
      writable: true,
    })
  })

  it('should refuse a missing accountId with 400, an unknown one with 404, and zoom with 404', async () => {
    const { fake } = setup()
    const google = await connect(fake, 'google')
    expect(await list(fake, 'google', '')).toEqual({
      status: 400,
      body: { errors: [{ msg: 'Invalid value', param: 'accountId', location: 'query' }] },
    })
    const notFound = {
      status: 404,
      body: { success: false, error: 'Invalid account id. Account Not Found', code: 404 },
    }
    expect(await list(fake, 'google', 'acc_nobody')).toEqual(notFound)
    // An account of the other provider is not found there either.
    expect(await list(fake, 'microsoft', google)).toEqual(notFound)
    const zoom = await connect(fake, 'zoom')
    expect((await list(fake, 'zoom', zoom)).status).toBe(404)
  })

  it('should need the API key and honour failNext on calendars', async () => {
    const { fake } = setup()
    const accountId = await connect(fake, 'google')
    const keyless = await get(fake, `/google/calendars?accountId=${accountId}`, null)
    expect(keyless.status).toBe(401)
    fake.failNext(429, { on: 'calendars' })
    expect((await list(fake, 'google', accountId)).status).toBe(429)
    expect((await list(fake, 'google', accountId)).status).toBe(200)
    expect(fake.requests.at(-1)).toMatchObject({ action: 'calendars', provider: 'google' })
    expect(() => fake.failNext(500, { on: 'events' as 'calendars' })).toThrow(TypeError)
  })

  it('should replace the calendars and send calendars.created and calendars.deleted (Google)', async () => {
    const { fake, received } = setup()
    const accountId = await connect(fake, 'google')
    received.length = 0
    const sent = await fake.setCalendars(accountId, [
      { id: 'ada@example.com', name: 'ada@example.com', primary: true },
      { id: 'new@group.calendar.google.com', name: 'Rota', color: '#123456' },
      { id: 'ro@group.calendar.google.com', name: 'Read only', writable: false },
    ])
    // Settled: both webhooks were answered.
    expect(received).toEqual([
      {
        event: 'calendars.created',
        accountId,
        body: { calendarIds: ['new@group.calendar.google.com', 'ro@group.calendar.google.com'] },
      },
      {
        event: 'calendars.deleted',
        accountId,
        body: {
          calendarIds: [
            `c_${accountId}_team@group.calendar.google.com`,
            'en.usa#holiday@group.v.calendar.google.com',
          ],
        },
      },
    ])
    expect(sent.map((webhook) => [webhook.event, webhook.status, webhook.ok])).toEqual([
      ['calendars.created', 204, true],
      ['calendars.deleted', 204, true],
    ])
    const { body } = await list(fake, 'google', accountId)
    expect(body.data.calendars.map((c: { summary: string }) => c.summary)).toEqual([
      'ada@example.com',
      'Rota',
      'Read only',
    ])
    expect(body.data.calendars[2].accessRole).toBe('reader')
    // The same list again changes nothing and sends nothing.
    expect(
      await fake.setCalendars(accountId, [
        { id: 'ada@example.com', name: 'ada@example.com', primary: true },
        { id: 'new@group.calendar.google.com', name: 'Renamed' },
        { id: 'ro@group.calendar.google.com', name: 'Read only', writable: false },
      ]),
    ).toEqual([])
    expect(received).toHaveLength(2)
  })

  it('should send no calendars webhook for a Microsoft account', async () => {
    const { fake, received } = setup()
    const accountId = await connect(fake, 'microsoft')
    received.length = 0
    expect(await fake.setCalendars(accountId, [])).toEqual([])
    expect(received).toEqual([])
    expect((await list(fake, 'microsoft', accountId)).body.data.calendars).toEqual([])
  })

  it('should reject an unknown account, a failed webhook and a malformed list', async () => {
    const { fake } = setup(500)
    await expect(fake.setCalendars('acc_nobody', [])).rejects.toMatchObject({
      name: 'FakePyasError',
      code: 'unknown_account',
    })
    const accountId = await connect(fake, 'google')
    const failed = await fake.setCalendars(accountId, []).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(FakePyasError)
    expect(failed).toMatchObject({ code: 'webhook_failed' })
    // The change stands, as with setAccountStatus.
    expect((await list(fake, 'google', accountId)).body.data.calendars).toEqual([])
    for (const bad of [
      'nope',
      [{ name: 'no id' }],
      [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'again' },
      ],
      [{ id: 'a', name: 3 }],
      [{ id: 'a', name: 'A', writable: 'yes' }],
      [{ id: 'a', name: 'A', color: 'red' }],
      [
        { id: 'a', name: 'A', primary: true },
        { id: 'b', name: 'B', primary: true },
      ],
    ]) {
      await expect(
        fake.setCalendars(accountId, bad as Parameters<FakePyas['setCalendars']>[1]),
      ).rejects.toThrow(TypeError)
    }
  })

  it('should forget set calendars on reset', async () => {
    const { fake } = setup()
    const accountId = await connect(fake, 'microsoft')
    await fake.setCalendars(accountId, [])
    fake.reset()
    const again = await connect(fake, 'microsoft')
    expect((await list(fake, 'microsoft', again)).body.data.calendars).toHaveLength(3)
  })
})

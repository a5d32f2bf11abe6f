// @vitest-environment node
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { ProviderId } from '../../src/core/providers.js'
import { createFakePyas, FakePyasError, type FakePyasFetch } from '../../src/testing/index.js'
import { API_KEY, post } from './helpers.js'

const WEBHOOK_URL = 'https://app.example/api/webhooks/pyas?token=webhook-secret-0123456789'

interface Received {
  method: string
  url: string
  event: string | null
  accountId: string | null
  provider: string | null
  contentType: string | null
  body: string
}

/** A webhook receiver in memory: records each request and answers `status`. */
function receiver(status = 204) {
  const received: Received[] = []
  const answer = { status }
  const fetch: FakePyasFetch = async (input, init) => {
    const request = new Request(input, init)
    received.push({
      method: request.method,
      url: request.url,
      event: request.headers.get('x-pyas-webhook-event'),
      accountId: request.headers.get('x-pyas-account-id'),
      provider: request.headers.get('x-provider'),
      contentType: request.headers.get('content-type'),
      body: await request.text(),
    })
    return new Response(answer.status === 204 ? null : '{}', { status: answer.status })
  }
  return { received, fetch, answer }
}

function setup(status = 204) {
  const hook = receiver(status)
  const fake = createFakePyas({
    redirectUrl: 'https://app.example/settings',
    apiKey: API_KEY,
    webhookUrl: WEBHOOK_URL,
    webhookFetch: hook.fetch,
  })
  return { fake, ...hook }
}

async function connect(
  fake: ReturnType<typeof createFakePyas>,
  provider: ProviderId = 'google',
  email = 'ada@example.com',
) {
  const code = fake.issueCode(provider, { email })
  const response = await post(fake, `/${provider}/connect`, { code, name: 'Ada' })
  expect(response.status).toBe(200)
  return (await response.json()).data.account as { accountId: string; status: string }
}

describe('createFakePyas account lifecycle', () => {
  it('should give the same email on the same provider the same accountId, active again', async () => {
    const { fake } = setup()
    const first = await connect(fake)
    await fake.setAccountStatus(first.accountId, 'inactive')
    const again = await connect(fake, 'google', 'ada@example.com')
    expect(again).toMatchObject({ accountId: first.accountId, status: 'active' })
    expect(fake.accounts()).toEqual([expect.objectContaining({ accountId: first.accountId })])
    const outlook = await connect(fake, 'microsoft', 'ada@example.com')
    const other = await connect(fake, 'google', 'grace@example.com')
    expect(new Set([first.accountId, outlook.accountId, other.accountId]).size).toBe(3)
  })

  it('should send account.connected, Pyas-shaped, before it answers the connect', async () => {
    const { fake, received } = setup()
    const account = await connect(fake)
    expect(received).toEqual([
      {
        method: 'POST',
        url: WEBHOOK_URL,
        event: 'account.connected',
        accountId: account.accountId,
        provider: 'Google',
        contentType: null,
        body: '',
      },
    ])
    await connect(fake)
    expect(received.map((webhook) => webhook.event)).toEqual([
      'account.connected',
      'account.connected',
    ])
  })

  it('should name the provider as Pyas does in x-provider', async () => {
    const { fake, received } = setup()
    await connect(fake, 'google')
    await connect(fake, 'microsoft')
    await connect(fake, 'zoom')
    expect(received.map((webhook) => webhook.provider)).toEqual(['Google', 'Microsoft', 'Zoom'])
  })

  it('should connect even when the receiver fails, and log the failed delivery', async () => {
    const { fake, answer } = setup(500)
    const account = await connect(fake)
    expect(fake.webhooks()).toEqual([
      {
        event: 'account.connected',
        accountId: account.accountId,
        provider: 'google',
        status: 500,
        ok: false,
      },
    ])
    answer.status = 204
    const refused = createFakePyas({
      redirectUrl: '/',
      apiKey: API_KEY,
      webhookUrl: WEBHOOK_URL,
      webhookFetch: async () => {
        throw new TypeError('fetch failed')
      },
    })
    await connect(refused)
    expect(refused.webhooks()).toEqual([expect.objectContaining({ ok: false })])
    expect(refused.webhooks()[0]).not.toHaveProperty('status')
  })

  it('should mark an account inactive at once and resolve when account.inactive was answered', async () => {
    const { fake, received } = setup()
    const { accountId } = await connect(fake)
    const pending = fake.setAccountStatus(accountId, 'inactive')
    expect(fake.accounts()[0]?.status).toBe('inactive')
    expect(await pending).toEqual({
      event: 'account.inactive',
      accountId,
      provider: 'google',
      status: 204,
      ok: true,
    })
    expect(received.at(-1)).toMatchObject({ event: 'account.inactive', accountId, body: '' })
  })

  it('should send account.connected when an account goes active again, and nothing for no change', async () => {
    const { fake, received } = setup()
    const { accountId } = await connect(fake)
    expect(await fake.setAccountStatus(accountId, 'active')).toBeUndefined()
    await fake.setAccountStatus(accountId, 'inactive')
    expect(await fake.setAccountStatus(accountId, 'inactive')).toBeUndefined()
    const back = await fake.setAccountStatus(accountId, 'active')
    expect(back).toMatchObject({ event: 'account.connected', ok: true })
    expect(fake.accounts()[0]?.status).toBe('active')
    expect(received.map((webhook) => webhook.event)).toEqual([
      'account.connected',
      'account.inactive',
      'account.connected',
    ])
  })

  it('should delete an account, send account.deleted, and give a new id on the next connect', async () => {
    const { fake, received } = setup()
    const { accountId } = await connect(fake, 'zoom')
    expect(await fake.deleteAccount(accountId)).toMatchObject({
      event: 'account.deleted',
      provider: 'zoom',
      status: 204,
    })
    expect(received.at(-1)).toMatchObject({ event: 'account.deleted', provider: 'Zoom', body: '' })
    expect(fake.accounts()).toEqual([])
    const again = await connect(fake, 'zoom')
    expect(again.accountId).not.toBe(accountId)
  })

  it('should reject an unknown accountId with an unknown_account FakePyasError', async () => {
    const { fake, received } = setup()
    const { accountId } = await connect(fake)
    await fake.deleteAccount(accountId)
    for (const call of [
      () => fake.setAccountStatus(accountId, 'inactive'),
      () => fake.deleteAccount(accountId),
      () => fake.sendWebhook('acc_missing', 'calendars.created', { calendarIds: ['c1'] }),
    ]) {
      const error = await call().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(FakePyasError)
      expect(error).toMatchObject({ name: 'FakePyasError', code: 'unknown_account' })
    }
    await expect(fake.deleteAccount(accountId)).rejects.toThrow(
      `fake.deleteAccount: no account has the id "${accountId}".`,
    )
    expect(received).toHaveLength(2)
  })

  it('should refuse a status that does not exist and an accountId that is not a string', async () => {
    const { fake } = setup()
    const { accountId } = await connect(fake)
    // @ts-expect-error 'revoked' is not a status the fake sets
    await expect(fake.setAccountStatus(accountId, 'revoked')).rejects.toThrow(
      new TypeError(
        `fake.setAccountStatus: \`status\` must be 'inactive' or 'active', not "revoked".`,
      ),
    )
    // @ts-expect-error an accountId is a string
    await expect(fake.deleteAccount(42)).rejects.toThrow(
      new TypeError('fake.deleteAccount: `accountId` must be a non-empty string.'),
    )
    await expect(fake.setAccountStatus('', 'inactive')).rejects.toThrow(TypeError)
    expect(fake.accounts()[0]?.status).toBe('active')
  })

  it('should reject with webhook_failed when the receiver refuses, keeping the change', async () => {
    const { fake, answer } = setup()
    const { accountId } = await connect(fake)
    answer.status = 401
    const error = await fake.setAccountStatus(accountId, 'inactive').catch((caught) => caught)
    expect(error).toBeInstanceOf(FakePyasError)
    expect(error).toMatchObject({ code: 'webhook_failed', status: 401, accountId })
    expect(error.message).toBe(
      'fake.setAccountStatus: the account.inactive webhook to https://app.example/api/webhooks/pyas was answered 401.',
    )
    expect(error.message).not.toContain('webhook-secret')
    expect(fake.accounts()[0]?.status).toBe('inactive')
    expect(fake.webhooks().at(-1)).toMatchObject({ event: 'account.inactive', ok: false })
  })

  it('should reject with webhook_failed, keeping the cause, when the webhook cannot be sent', async () => {
    const cause = new TypeError('fetch failed')
    const fake = createFakePyas({
      redirectUrl: '/',
      apiKey: API_KEY,
      webhookUrl: WEBHOOK_URL,
      webhookFetch: () => Promise.reject(cause),
    })
    const { accountId } = await connect(fake)
    const error = await fake.deleteAccount(accountId).catch((caught) => caught)
    expect(error).toMatchObject({ code: 'webhook_failed', cause })
    expect(error).not.toHaveProperty('status')
    expect(error.message).toMatch(/could not be sent \(fetch failed\)\.$/)
  })

  it('should change statuses without sending anything when there is no webhookUrl', async () => {
    const fake = createFakePyas({ redirectUrl: '/', apiKey: API_KEY })
    const { accountId } = await connect(fake)
    expect(await fake.setAccountStatus(accountId, 'inactive')).toBeUndefined()
    expect(fake.accounts()[0]?.status).toBe('inactive')
    await expect(
      fake.sendWebhook(accountId, 'calendars.created', { calendarIds: ['c1'] }),
    ).rejects.toThrow(new TypeError('fake.sendWebhook: the fake has no `webhookUrl` to send to.'))
    expect(await fake.deleteAccount(accountId)).toBeUndefined()
    expect(fake.webhooks()).toEqual([])
  })

  it('should send webhooks to a real server with the global fetch by default', async () => {
    const seen: Array<{ method?: string; url?: string; headers: Record<string, unknown> }> = []
    const server = createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers })
      req.resume()
      req.on('end', () => res.writeHead(204).end())
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const fake = createFakePyas({
        redirectUrl: '/',
        apiKey: API_KEY,
        webhookUrl: new URL(`http://127.0.0.1:${port}/api/webhooks/pyas?token=t0k3n`),
      })
      const { accountId } = await connect(fake, 'microsoft')
      await fake.setAccountStatus(accountId, 'inactive')
      expect(seen).toEqual([
        expect.objectContaining({ method: 'POST', url: '/api/webhooks/pyas?token=t0k3n' }),
        expect.objectContaining({ method: 'POST' }),
      ])
      expect(seen[1]?.headers).toMatchObject({
        'x-pyas-account-id': accountId,
        'x-pyas-webhook-event': 'account.inactive',
        'x-provider': 'Microsoft',
        'content-length': '0',
      })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('should refuse webhook options it cannot use', () => {
    const base = { redirectUrl: '/' }
    const bad = [
      [{ webhookUrl: '/api/webhooks/pyas' }, /`webhookUrl` must be an absolute http\(s\) URL/],
      [{ webhookUrl: 'ftp://app.example/hooks' }, /`webhookUrl` must be an absolute http\(s\) URL/],
      [{ webhookUrl: 42 }, /`webhookUrl` must be an absolute http\(s\) URL/],
      [{ webhookUrl: WEBHOOK_URL, webhookFetch: 'fetch' }, /`webhookFetch` must be a fetch-like/],
      [{ webhookFetch: receiver().fetch }, /`webhookFetch` needs a `webhookUrl`/],
    ] as const
    for (const [options, message] of bad) {
      // @ts-expect-error each case is a wrong option
      expect(() => createFakePyas({ ...base, ...options })).toThrow(message)
    }
  })

  it('should forget the webhooks it sent on reset', async () => {
    const { fake } = setup()
    await connect(fake)
    expect(fake.webhooks()).toHaveLength(1)
    fake.reset()
    expect(fake.webhooks()).toEqual([])
  })
})

describe('fake.sendWebhook', () => {
  it('should send calendars and events webhooks with their JSON bodies', async () => {
    const { fake, received } = setup()
    const google = await connect(fake, 'google')
    const outlook = await connect(fake, 'microsoft')
    const calendars = await fake.sendWebhook(google.accountId, 'calendars.created', {
      calendarIds: ['cal_1', 'cal_2'],
    })
    expect(calendars).toEqual({
      event: 'calendars.created',
      accountId: google.accountId,
      provider: 'google',
      body: { calendarIds: ['cal_1', 'cal_2'] },
      status: 204,
      ok: true,
    })
    await fake.sendWebhook(outlook.accountId, 'events.updated', {
      events: [{ calendarId: 'cal_9', eventId: 'evt_1' }],
    })
    expect(received.slice(2)).toEqual([
      expect.objectContaining({
        event: 'calendars.created',
        provider: 'Google',
        contentType: 'application/json',
        body: '{"calendarIds":["cal_1","cal_2"]}',
      }),
      expect.objectContaining({
        event: 'events.updated',
        provider: 'Microsoft',
        body: '{"events":[{"calendarId":"cal_9","eventId":"evt_1"}]}',
      }),
    ])
  })

  it('should refuse bodies, providers and events Pyas would never send', async () => {
    const { fake, received } = setup()
    const google = await connect(fake, 'google')
    const outlook = await connect(fake, 'microsoft')
    const zoom = await connect(fake, 'zoom')
    const cases: Array<[string, string, unknown, RegExp]> = [
      [outlook.accountId, 'calendars.created', { calendarIds: ['c'] }, /Google accounts only/],
      [zoom.accountId, 'events.created', { events: [] }, /Google and Microsoft accounts only/],
      [google.accountId, 'calendars.deleted', { calendarIds: [] }, /needs a body \{calendarIds/],
      [google.accountId, 'calendars.deleted', { calendarIds: [7] }, /needs a body \{calendarIds/],
      [google.accountId, 'events.deleted', { events: [{ calendarId: 'c' }] }, /eventId\}\]\}/],
      [google.accountId, 'events.deleted', null, /needs a body \{events/],
      [google.accountId, 'account.inactive', undefined, /fake\.setAccountStatus\(\)/],
      [google.accountId, 'event.created', {}, /`event` must be one of calendars\.created/],
    ]
    for (const [accountId, event, body, message] of cases) {
      // @ts-expect-error each case is a wrong event or body
      const error = await fake.sendWebhook(accountId, event, body).catch((caught) => caught)
      expect(error).toBeInstanceOf(TypeError)
      expect(error.message).toMatch(message)
    }
    expect(received).toHaveLength(3)
  })
})

// @vitest-environment node
import { readFileSync } from 'node:fs'
import type { RequestListener, Server } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  createPyasWebhookHandler,
  type PyasWebhookEvent,
  type PyasWebhookHandlerOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { close, listen } from './helpers.js'

const SECRET = 'whsec_0123456789abcdef'
const URL_WITH_TOKEN = `https://app.example/api/webhooks/pyas?token=${SECRET}`
const HEADERS = {
  'x-pyas-account-id': 'acc_123',
  'x-pyas-webhook-event': 'account.inactive',
  'x-provider': 'Google',
}

type Mode = 'fetch handler' | 'node:http via toNodeHandler' | 'express.json() then toNodeHandler'
const MODES: Mode[] = [
  'fetch handler',
  'node:http via toNodeHandler',
  'express.json() then toNodeHandler',
]

/**
 * Serves webhook handlers in one mode for the enclosing `describe`: as the Fetch handler itself,
 * or over HTTP through `toNodeHandler` (on plain node:http, or behind Express's body parser, which
 * has read the stream before the handler runs).
 */
function webhookHarness(mode: Mode) {
  let current: RequestListener = (_req, res) => res.end()
  let server: { server: Server; url: string } | undefined
  beforeAll(async () => {
    if (mode === 'node:http via toNodeHandler') {
      server = await listen((req, res) => current(req, res))
    } else if (mode === 'express.json() then toNodeHandler') {
      const app = express()
      app.use(express.json({ type: () => true, limit: '1mb' }))
      app.all('/api/webhooks/pyas', (req, res) => current(req, res))
      server = await listen(app)
    }
  })
  afterAll(async () => {
    if (server) await close(server.server)
  })
  return function handler(options: Partial<PyasWebhookHandlerOptions> = {}) {
    const onEvent = vi.fn<PyasWebhookHandlerOptions['onEvent']>(options.onEvent ?? (() => {}))
    const logger = {
      error: vi.fn<(message: string, details?: unknown) => void>(),
      warn: vi.fn<(message: string, details?: unknown) => void>(),
    }
    const webhooks = createPyasWebhookHandler({ secret: SECRET, logger, ...options, onEvent })
    if (mode === 'fetch handler') return { send: webhooks, onEvent, logger }
    current = toNodeHandler(webhooks)
    const base = server?.url
    const send = (request: Request) => {
      const url = new URL(request.url)
      return fetch(`${base}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        duplex: 'half',
      } as RequestInit)
    }
    return { send, onEvent, logger }
  }
}

function webhook(
  headers: Record<string, string> = HEADERS,
  body: string | undefined = undefined,
  url = URL_WITH_TOKEN,
  method = 'POST',
): Request {
  const init: RequestInit = { method, headers }
  if (body !== undefined) {
    init.body = body
    init.headers = { 'content-type': 'application/json', ...headers }
  }
  return new Request(url, init)
}

async function expectError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(response.headers.get('cache-control')).toBe('no-store')
  const text = await response.text()
  expect(text).not.toContain(SECRET)
  expect(JSON.parse(text)).toEqual({ error })
}

const TRIGGERS: { headers: Record<string, string>; body?: string; event: PyasWebhookEvent }[] = [
  ...(['account.connected', 'account.inactive', 'account.deleted'] as const).map((type) => ({
    headers: { ...HEADERS, 'x-pyas-webhook-event': type },
    event: { type, accountId: 'acc_123', provider: 'google' as const },
  })),
  ...(['calendars.created', 'calendars.deleted'] as const).map((type) => ({
    headers: { ...HEADERS, 'x-pyas-webhook-event': type },
    body: JSON.stringify({ calendarIds: ['primary', 'team@group.calendar.google.com'] }),
    event: {
      type,
      accountId: 'acc_123',
      provider: 'google' as const,
      calendarIds: ['primary', 'team@group.calendar.google.com'],
    },
  })),
  ...(['events.created', 'events.updated', 'events.deleted'] as const).map((type) => ({
    headers: { ...HEADERS, 'x-pyas-webhook-event': type, 'x-provider': 'Microsoft' },
    body: JSON.stringify({ events: [{ calendarId: 'cal_1', eventId: 'evt_1' }] }),
    event: {
      type,
      accountId: 'acc_123',
      provider: 'microsoft' as const,
      events: [{ calendarId: 'cal_1', eventId: 'evt_1' }],
    },
  })),
]

describe.each(MODES)('createPyasWebhookHandler (%s)', (mode) => {
  const handler = webhookHarness(mode)

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
    'should answer %s with 405 and Allow: POST',
    async (method) => {
      const { send, onEvent } = handler()
      const response = await send(webhook(HEADERS, undefined, URL_WITH_TOKEN, method))
      expect(response.headers.get('allow')).toBe('POST')
      await expectError(response, 405, 'method_not_allowed')
      expect(onEvent).not.toHaveBeenCalled()
    },
  )

  it('should answer 405 before checking the token', async () => {
    const { send } = handler()
    const response = await send(
      webhook(HEADERS, undefined, 'https://app.example/api/webhooks/pyas', 'GET'),
    )
    expect(response.status).toBe(405)
  })

  it.each([
    ['no token', 'https://app.example/api/webhooks/pyas'],
    ['an empty token', 'https://app.example/api/webhooks/pyas?token='],
    ['a wrong token', 'https://app.example/api/webhooks/pyas?token=whsec_0123456789abcdeX'],
    ['a prefix of the secret', `https://app.example/api/webhooks/pyas?token=${SECRET.slice(0, 8)}`],
    ['the secret plus more', `https://app.example/api/webhooks/pyas?token=${SECRET}x`],
    ['the secret in another parameter', `https://app.example/api/webhooks/pyas?secret=${SECRET}`],
  ])('should answer 401 for %s', async (_, url) => {
    const { send, onEvent } = handler()
    await expectError(await send(webhook(HEADERS, undefined, url)), 401, 'unauthorized')
    expect(onEvent).not.toHaveBeenCalled()
  })

  it('should answer 401 before looking at the headers or the body', async () => {
    const { send } = handler()
    const url = 'https://app.example/api/webhooks/pyas?token=nope'
    const body = JSON.stringify({ pad: 'x'.repeat(70_000) })
    await expectError(await send(webhook({}, body, url)), 401, 'unauthorized')
  })

  it('should answer 413 for a body over maxBodyBytes (65 536 by default)', async () => {
    const { send, onEvent } = handler()
    const headers = { ...HEADERS, 'x-pyas-webhook-event': 'calendars.created' }
    const body = JSON.stringify({ calendarIds: ['x'.repeat(65_536)] })
    await expectError(await send(webhook(headers, body)), 413, 'payload_too_large')
    expect(onEvent).not.toHaveBeenCalled()
  })

  it('should honour a smaller maxBodyBytes, and accept a body of exactly that size', async () => {
    const { send, onEvent } = handler({ maxBodyBytes: 100 })
    const headers = { ...HEADERS, 'x-pyas-webhook-event': 'calendars.created' }
    const exact = JSON.stringify({ calendarIds: ['x'.repeat(80)] })
    expect(exact).toHaveLength(100)
    expect((await send(webhook(headers, exact))).status).toBe(204)
    const over = JSON.stringify({ calendarIds: ['x'.repeat(81)] })
    await expectError(await send(webhook(headers, over)), 413, 'payload_too_large')
    expect(onEvent).toHaveBeenCalledOnce()
  })

  it.each([
    [
      'no x-pyas-account-id',
      { 'x-pyas-webhook-event': 'account.inactive', 'x-provider': 'Google' },
    ],
    ['an empty x-pyas-account-id', { ...HEADERS, 'x-pyas-account-id': ' ' }],
    ['no x-pyas-webhook-event', { 'x-pyas-account-id': 'acc_1', 'x-provider': 'Google' }],
    ['no x-provider', { 'x-pyas-account-id': 'acc_1', 'x-pyas-webhook-event': 'account.inactive' }],
    ['an unknown x-provider', { ...HEADERS, 'x-provider': 'Yahoo' }],
    ['x-provider "constructor"', { ...HEADERS, 'x-provider': 'constructor' }],
    [
      'an unknown event with no account id (headers are checked first)',
      { 'x-pyas-webhook-event': 'account.renamed', 'x-provider': 'Google' },
    ],
  ])('should answer 400 for %s', async (_, headers) => {
    const { send, onEvent, logger } = handler()
    await expectError(await send(webhook(headers)), 400, 'invalid_webhook')
    expect(onEvent).not.toHaveBeenCalled()
    expect(logger.warn).not.toHaveBeenCalled()
  })

  it.each<[string, string | undefined]>([
    ['calendars.created', undefined],
    // Express's JSON parser answers a body that is not JSON itself, before any handler.
    ...(mode === 'express.json() then toNodeHandler'
      ? []
      : [['calendars.created', 'not json'] as [string, string]]),
    ['calendars.created', '[]'],
    ['calendars.created', '{}'],
    ['calendars.deleted', '{"calendarIds":"primary"}'],
    ['calendars.deleted', '{"calendarIds":["primary",7]}'],
    ['events.created', '{"calendarIds":["primary"]}'],
    ['events.updated', '{"events":{}}'],
    ['events.updated', '{"events":[null]}'],
    ['events.deleted', '{"events":[{"calendarId":"c"}]}'],
    ['events.deleted', '{"events":[{"calendarId":"c","eventId":1}]}'],
  ])('should answer 400 for %s with the body %s', async (type, body) => {
    const { send, onEvent } = handler()
    const headers = { ...HEADERS, 'x-pyas-webhook-event': type }
    await expectError(await send(webhook(headers, body)), 400, 'invalid_webhook')
    expect(onEvent).not.toHaveBeenCalled()
  })

  it('should answer 202 to an unknown event, without onEvent, with one warning', async () => {
    const { send, onEvent, logger } = handler()
    const headers = { ...HEADERS, 'x-pyas-webhook-event': 'account.renamed' }
    const response = await send(webhook(headers))
    expect(response.status).toBe(202)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ ignored: 'unknown_event' })
    expect(onEvent).not.toHaveBeenCalled()
    expect(logger.warn).toHaveBeenCalledOnce()
    expect(logger.warn.mock.calls[0]?.[0]).toContain('"account.renamed"')
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(SECRET)
  })

  it('should warn through logger.error when the logger has no warn', async () => {
    const logger = { error: vi.fn() }
    const { send } = handler({ logger })
    const headers = { ...HEADERS, 'x-pyas-webhook-event': 'account.renamed' }
    expect((await send(webhook(headers))).status).toBe(202)
    expect(logger.error).toHaveBeenCalledOnce()
  })

  it.each([
    [
      'throws',
      () => {
        throw new Error('database down')
      },
    ],
    ['rejects', () => Promise.reject(new Error('database down'))],
  ])('should answer 500 when onEvent %s, and log why', async (_, onEvent) => {
    const { send, logger } = handler({ onEvent })
    await expectError(await send(webhook()), 500, 'internal_error')
    expect(logger.error).toHaveBeenCalledOnce()
    expect(logger.error.mock.calls[0]?.[1]).toEqual(new Error('database down'))
  })

  it('should answer 204 only after onEvent resolved', async () => {
    const order: string[] = []
    const { send } = handler({
      onEvent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50))
        order.push('onEvent done')
      },
    })
    const response = await send(webhook())
    order.push(`answered ${response.status}`)
    expect(order).toEqual(['onEvent done', 'answered 204'])
    expect(await response.text()).toBe('')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it.each(TRIGGERS)('should deliver $event.type typed', async ({ headers, body, event }) => {
    const { send, onEvent } = handler()
    expect((await send(webhook(headers, body))).status).toBe(204)
    expect(onEvent).toHaveBeenCalledOnce()
    expect(onEvent.mock.calls[0]?.[0]).toEqual(event)
    expect(onEvent.mock.calls[0]?.[1].request).toBeInstanceOf(Request)
  })

  it.each(['google', 'GOOGLE', 'Zoom', 'zoom', 'MICROSOFT'])(
    'should read x-provider %s in any case',
    async (provider) => {
      const { send, onEvent } = handler()
      expect((await send(webhook({ ...HEADERS, 'x-provider': provider }))).status).toBe(204)
      expect(onEvent.mock.calls[0]?.[0].provider).toBe(provider.toLowerCase())
    },
  )

  it('should give onEvent the request without the token in its URL', async () => {
    const { send, onEvent } = handler()
    const url = `https://app.example/api/webhooks/pyas?token=${SECRET}&source=pyas`
    expect((await send(webhook(HEADERS, undefined, url))).status).toBe(204)
    const request = onEvent.mock.calls[0]?.[1].request
    expect(request?.url).not.toContain(SECRET)
    expect(new URL(request?.url ?? '').searchParams.get('token')).toBeNull()
    expect(new URL(request?.url ?? '').searchParams.get('source')).toBe('pyas')
    expect(request?.headers.get('x-pyas-account-id')).toBe('acc_123')
  })

  it('should log an onEvent error with the secret and URL credentials and queries redacted', async () => {
    const { send, logger } = handler({
      onEvent: () => {
        throw new Error(`cannot reach https://u:pw@db.example/x?token=${SECRET} with ${SECRET}`)
      },
    })
    await expectError(await send(webhook()), 500, 'internal_error')
    const [message, error] = logger.error.mock.calls[0] ?? []
    expect(error).toBeInstanceOf(Error)
    const { message: detail, stack } = error as Error
    expect(`${message} ${detail} ${stack}`).not.toContain(SECRET)
    expect(`${message} ${detail} ${stack}`).not.toContain('pw')
    expect(detail).toBe('cannot reach https://db.example/x with [redacted]')
  })

  it('should ignore whatever body an account event carries', async () => {
    const { send, onEvent } = handler()
    expect((await send(webhook(HEADERS, '{"unexpected":true}'))).status).toBe(204)
    expect(onEvent.mock.calls[0]?.[0]).toEqual({
      type: 'account.inactive',
      accountId: 'acc_123',
      provider: 'google',
    })
  })

  it('should pass only the documented fields of each event on', async () => {
    const { send, onEvent } = handler()
    const headers = { ...HEADERS, 'x-pyas-webhook-event': 'events.updated' }
    const body = JSON.stringify({ events: [{ calendarId: 'c', eventId: 'e', extra: 1 }], more: 2 })
    expect((await send(webhook(headers, body))).status).toBe(204)
    expect(onEvent.mock.calls[0]?.[0]).toEqual({
      type: 'events.updated',
      accountId: 'acc_123',
      provider: 'google',
      events: [{ calendarId: 'c', eventId: 'e' }],
    })
  })
})

describe('createPyasWebhookHandler options', () => {
  const onEvent = () => {}

  it.each([
    ['no secret', undefined],
    ['an empty secret', ''],
    ['a 15-character secret', 'x'.repeat(15)],
    ['a number', 1234567890123456],
  ])('should throw at creation for %s', (_, secret) => {
    expect(() => createPyasWebhookHandler({ secret: secret as string, onEvent })).toThrow(
      /createPyasWebhookHandler: `secret` must be a string of at least 16 characters/,
    )
  })

  it('should accept a secret of exactly 16 characters', () => {
    expect(() => createPyasWebhookHandler({ secret: 'x'.repeat(16), onEvent })).not.toThrow()
  })

  it('should throw for a missing onEvent, a bad maxBodyBytes or a bad logger', () => {
    const secret = SECRET
    expect(() => createPyasWebhookHandler({ secret } as PyasWebhookHandlerOptions)).toThrow(
      /`onEvent` must be a function/,
    )
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      expect(() => createPyasWebhookHandler({ secret, onEvent, maxBodyBytes })).toThrow(
        /`maxBodyBytes` must be a whole number/,
      )
    }
    const logger = {} as PyasWebhookHandlerOptions['logger']
    expect(() => createPyasWebhookHandler({ secret, onEvent, logger })).toThrow(/`logger` must/)
    expect(() => createPyasWebhookHandler(null as unknown as PyasWebhookHandlerOptions)).toThrow(
      /pass an options object/,
    )
  })

  it('should never put the secret in an error message', () => {
    const secret = 'short-secret'
    try {
      createPyasWebhookHandler({ secret, onEvent })
    } catch (error) {
      expect(String(error)).not.toContain(secret)
    }
  })

  it('should type onEvent with the event union, narrowed by type', () => {
    createPyasWebhookHandler({
      secret: SECRET,
      onEvent(event) {
        expectTypeOf(event.provider).toEqualTypeOf<'google' | 'microsoft' | 'zoom'>()
        if (event.type === 'calendars.created' || event.type === 'calendars.deleted') {
          expectTypeOf(event.calendarIds).toEqualTypeOf<string[]>()
        } else if (event.type.startsWith('events.') && 'events' in event) {
          expectTypeOf(event.events).toEqualTypeOf<{ calendarId: string; eventId: string }[]>()
        } else {
          expectTypeOf(event).not.toHaveProperty('calendarIds')
        }
      },
    })
  })
})

describe('the token comparison', () => {
  it('should go through the constant-time helper, never a plain comparison', () => {
    const source = readFileSync(
      new URL('../../src/server/createPyasWebhookHandler.ts', import.meta.url),
      'utf8',
    )
    expect(source).toMatch(/import \{ safeEqual, secretDigest \} from '\.\/safeEqual\.js'/)
    expect(source).toMatch(/await safeEqual\(token, expected\)/)
    expect(source).not.toMatch(/token\s*[!=]==?\s*secret|secret\s*[!=]==?\s*token/)
    expect(source).not.toMatch(/\.startsWith\(|\.localeCompare\(/)
  })

  it('should hash both sides and compare every byte without an early exit', async () => {
    const { safeEqual, secretDigest } = await import('../../src/server/safeEqual.js')
    expect(await safeEqual(SECRET, SECRET)).toBe(true)
    expect(await safeEqual(SECRET, secretDigest(SECRET))).toBe(true)
    expect(await safeEqual(`${SECRET}x`, SECRET)).toBe(false)
    expect(await safeEqual('', SECRET)).toBe(false)
    expect(await safeEqual('whsec_0123456789abcdeF', secretDigest(SECRET))).toBe(false)
    const source = readFileSync(new URL('../../src/server/safeEqual.ts', import.meta.url), 'utf8')
    expect(source).toContain("crypto.subtle.digest('SHA-256'")
    expect(source).not.toMatch(/return false|break/)
  })
})

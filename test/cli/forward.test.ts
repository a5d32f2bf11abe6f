// @vitest-environment node
import { createHmac, timingSafeEqual } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../server/nodeClient.js'
import {
  API_KEY,
  FORWARD_SECRET,
  killAll,
  type RunningBin,
  startBin,
  WEBHOOK_SECRET,
} from './bin.js'
import { json, type Received, serveFakePyas, serveStandIn } from './fakes.js'

let pyas: Awaited<ReturnType<typeof serveFakePyas>>
let receiver: Awaited<ReturnType<typeof serveStandIn>>
let auth: Awaited<ReturnType<typeof serveStandIn>>
let bin: RunningBin

/** What the app's receiver does: recompute the HMAC over "<t>.<raw body>", compare in constant time. */
function verify(request: Received, secret = FORWARD_SECRET): { ok: boolean; t: number } {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-pyas-signature']))
  if (!match?.[1] || !match[2]) return { ok: false, t: 0 }
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`).digest()
  return { ok: timingSafeEqual(expected, Buffer.from(match[2], 'hex')), t: Number(match[1]) }
}

/** Scripted answers for the receiver, one per request; then 204s. */
let script: number[] = []

beforeAll(async () => {
  pyas = await serveFakePyas()
  auth = await serveStandIn((_, res) => json(res, 200, { userId: 'user_42', extra: true }))
  receiver = await serveStandIn((_, res) => {
    setTimeout(() => res.writeHead(script.shift() ?? 204).end(), 100)
  })
  bin = await startBin({
    PYAS_API_KEY: API_KEY,
    PYAS_BASE_URL: pyas.url,
    PYAS_AUTHORIZE_URL: auth.url,
    PYAS_FORWARD_URL: `${receiver.url}/pyas-events`,
    PYAS_FORWARD_SECRET: FORWARD_SECRET,
    PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  })
})
afterAll(async () => {
  await bin.stop()
  killAll()
  await Promise.all([pyas.close(), receiver.close(), auth.close()])
})

async function connectOnce(target = bin) {
  const code = pyas.fake.issueCode('google', { email: 'ada@example.com' })
  const started = Date.now()
  const response = await send(`${target.url}/api/pyas/google/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'session=1' },
    body: JSON.stringify({ code, name: 'Ada' }),
  })
  return { response, took: Date.now() - started }
}

describe('pyas-proxy with PYAS_FORWARD_URL', () => {
  it('should forward a connected account, signed, with the userId, before answering the browser', async () => {
    receiver.received.length = 0
    script = []
    const { response, took } = await connectOnce()
    expect(response.status).toBe(200)
    expect(took).toBeGreaterThanOrEqual(100)
    expect(receiver.received).toHaveLength(1)
    const [delivery] = receiver.received
    if (!delivery) throw new Error('no delivery')
    expect(delivery.method).toBe('POST')
    expect(delivery.url).toBe('/pyas-events')
    expect(delivery.headers['content-type']).toBe('application/json')
    const { ok, t } = verify(delivery)
    expect(ok).toBe(true)
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5)
    expect(verify(delivery, 'another_secret_0123456789').ok).toBe(false)
    const account = (response.json() as { data: { account: unknown } }).data.account
    expect(JSON.parse(delivery.body)).toEqual({
      type: 'account.connected_by_user',
      account,
      userId: 'user_42',
    })
    expect(delivery.headers).not.toHaveProperty('x-api-key')
    expect(delivery.headers).not.toHaveProperty('cookie')
    expect(delivery.body).not.toContain(API_KEY)
  })

  it('should retry once after 1 s when the receiver fails, and answer 200 when the retry succeeds', async () => {
    receiver.received.length = 0
    script = [503]
    const { response, took } = await connectOnce()
    expect(response.status).toBe(200)
    expect(receiver.received).toHaveLength(2)
    expect(took).toBeGreaterThanOrEqual(1_000)
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body)
    for (const delivery of receiver.received) expect(verify(delivery).ok).toBe(true)
  })

  it('should answer the browser 500 when both attempts fail, and log why', async () => {
    receiver.received.length = 0
    script = [500, 502]
    const { response } = await connectOnce()
    expect(response.status).toBe(500)
    expect(response.json()).toEqual({ error: 'internal_error' })
    expect(receiver.received).toHaveLength(2)
    await bin.waitFor(() => bin.stderr().includes('"msg":"forward failed"'))
    const line = bin.diagnostics().find((entry) => entry.msg === 'forward failed')
    expect(line).toMatchObject({
      level: 'error',
      type: 'account.connected_by_user',
      attempts: 2,
      reason: 'the forward URL answered 502',
    })
    await bin.waitFor(() =>
      bin
        .requests()
        .some((entry) => entry.path === '/api/pyas/google/connect' && entry.status === 500),
    )
    expect(bin.stdout() + bin.stderr()).not.toContain(FORWARD_SECRET)
  })

  it('should forward webhook events the same way, and answer Pyas only after a 2xx', async () => {
    receiver.received.length = 0
    script = []
    const headers = {
      'x-pyas-account-id': 'acc_7',
      'x-pyas-webhook-event': 'events.updated',
      'x-provider': 'Microsoft',
      'content-type': 'application/json',
    }
    const body = JSON.stringify({ events: [{ calendarId: 'cal', eventId: 'evt' }] })
    const hook = `${bin.url}/api/webhooks/pyas?token=${WEBHOOK_SECRET}`
    const accepted = await send(hook, { method: 'POST', headers, body })
    expect(accepted.status).toBe(204)
    expect(receiver.received).toHaveLength(1)
    const [delivery] = receiver.received
    if (!delivery) throw new Error('no delivery')
    expect(verify(delivery).ok).toBe(true)
    expect(JSON.parse(delivery.body)).toEqual({
      type: 'events.updated',
      event: {
        type: 'events.updated',
        accountId: 'acc_7',
        provider: 'microsoft',
        events: [{ calendarId: 'cal', eventId: 'evt' }],
      },
    })
    script = [500, 500]
    const failed = await send(hook, { method: 'POST', headers, body })
    expect(failed.status).toBe(500)
    expect(failed.json()).toEqual({ error: 'internal_error' })
  })
})

describe('pyas-proxy with a forward receiver that is down', () => {
  it('should answer 500 and log that the receiver was unreachable', async () => {
    const down = await serveStandIn()
    await down.close()
    const other = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_FORWARD_URL: down.url,
      PYAS_FORWARD_SECRET: FORWARD_SECRET,
    })
    try {
      const { response } = await connectOnce(other)
      expect(response.status).toBe(500)
      await other.waitFor(() => other.stderr().includes('"msg":"forward failed"'))
      expect(other.stderr()).toContain('the forward URL was unreachable (ECONNREFUSED)')
    } finally {
      await other.stop()
    }
  })

  it('should leave userId out when there is no authorize URL', async () => {
    const plain = await serveStandIn((_, res) => res.writeHead(200).end())
    const other = await startBin({
      PYAS_API_KEY: API_KEY,
      PYAS_BASE_URL: pyas.url,
      PYAS_FORWARD_URL: plain.url,
      PYAS_FORWARD_SECRET: FORWARD_SECRET,
    })
    try {
      expect((await connectOnce(other)).response.status).toBe(200)
      expect(Object.keys(JSON.parse(plain.received[0]?.body ?? '{}'))).toEqual(['type', 'account'])
    } finally {
      await other.stop()
      await plain.close()
    }
  })
})

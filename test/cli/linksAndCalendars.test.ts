// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../server/nodeClient.js'
import {
  API_KEY,
  FORWARD_SECRET,
  killAll,
  LINK_SECRET,
  type RunningBin,
  runBin,
  startBin,
  WEBHOOK_SECRET,
} from './bin.js'
import { json, type Received, serveFakePyas, serveStandIn } from './fakes.js'

const LINK_URL = 'https://app.example/connect'
const PROXY = '/api/pyas'

let pyas: Awaited<ReturnType<typeof serveFakePyas>>
let auth: Awaited<ReturnType<typeof serveStandIn>>
let receiver: Awaited<ReturnType<typeof serveStandIn>>
let bin: RunningBin
let plain: RunningBin
/** The accounts the app has saved, per user: what its session endpoint checks. */
const owned = new Map<string, string[]>()

beforeAll(async () => {
  pyas = await serveFakePyas()
  // The app's session endpoint: `session=<userId>` is signed in; with `accountId` in the query it
  // also answers whether that user owns the account (a stranger's account: 403).
  auth = await serveStandIn((request, res) => {
    const url = new URL(request.url, 'http://app.local')
    const userId = /session=(\w+)/.exec(request.headers.cookie ?? '')?.[1]
    if (!userId) return json(res, 401, { error: 'signed out' })
    const accountId = url.searchParams.get('accountId')
    if (accountId !== null && !owned.get(userId)?.includes(accountId)) {
      return json(res, 403, { error: 'not your account' })
    }
    json(res, 200, { userId })
  })
  receiver = await serveStandIn((_, res) => res.writeHead(204).end())
  bin = await startBin({
    PYAS_API_KEY: API_KEY,
    PYAS_BASE_URL: pyas.url,
    PYAS_AUTHORIZE_URL: `${auth.url}/api/me?app=1`,
    PYAS_LINK_SECRET: LINK_SECRET,
    PYAS_LINK_URL: LINK_URL,
    PYAS_FORWARD_URL: `${receiver.url}/pyas-events`,
    PYAS_FORWARD_SECRET: FORWARD_SECRET,
    PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  })
  plain = await startBin({ PYAS_API_KEY: API_KEY, PYAS_BASE_URL: pyas.url })
})
afterAll(async () => {
  await Promise.all([bin.stop(), plain.stop()])
  killAll()
  await Promise.all([pyas.close(), auth.close(), receiver.close()])
})

async function connect(target: RunningBin, headers: Record<string, string>) {
  const code = pyas.fake.issueCode('google', { email: 'ada@example.com' })
  return send(`${target.url}${PROXY}/google/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, name: 'Ada' }),
  })
}

async function connectedAccountId(userId: string): Promise<string> {
  const response = await connect(bin, { cookie: `session=${userId}` })
  expect(response.status).toBe(200)
  const accountId = (response.json() as { data: { account: { accountId: string } } }).data.account
    .accountId
  owned.set(userId, [...(owned.get(userId) ?? []), accountId])
  return accountId
}

const sessionCalls = (): URL[] =>
  auth.received.map((request: Received) => new URL(request.url, 'http://app.local'))

describe('pyas-proxy calendars route', () => {
  it('should list the calendars of an account the authorize URL says the user owns', async () => {
    const accountId = await connectedAccountId('ada')
    const before = auth.received.length
    const response = await send(`${bin.url}${PROXY}/google/calendars?accountId=${accountId}&x=1`, {
      headers: { cookie: 'session=ada' },
    })
    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const body = response.json() as { success: boolean; data: { calendars: unknown[] } }
    expect(body.success).toBe(true)
    expect(body.data.calendars.length).toBeGreaterThan(0)
    // One session call, its own query kept, with the provider and the account added.
    const calls = sessionCalls().slice(before)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.pathname).toBe('/api/me')
    expect(Object.fromEntries(calls[0]?.searchParams ?? [])).toEqual({
      app: '1',
      provider: 'google',
      accountId,
    })
    const upstream = pyas.fake.requests.at(-1)
    expect(upstream).toMatchObject({
      action: 'calendars',
      provider: 'google',
      query: { accountId },
    })
    expect(Object.keys(upstream?.query ?? {})).toEqual(['accountId'])
  })

  it("should answer 403 for a stranger's account, without calling Pyas", async () => {
    const accountId = await connectedAccountId('ada')
    const before = pyas.fake.requests.length
    for (const cookie of ['session=eve', '']) {
      const response = await send(`${bin.url}${PROXY}/google/calendars?accountId=${accountId}`, {
        headers: cookie ? { cookie } : {},
      })
      expect(response.status).toBe(403)
      expect(response.json()).toEqual({ error: 'forbidden' })
    }
    expect(pyas.fake.requests.length).toBe(before)
  })

  it('should answer 400 for a malformed accountId without asking the app', async () => {
    const before = auth.received.length
    const response = await send(`${bin.url}${PROXY}/google/calendars?accountId=..%2Fx`, {
      headers: { cookie: 'session=ada' },
    })
    expect(response.status).toBe(400)
    expect(response.json()).toMatchObject({ errors: [{ param: 'accountId' }] })
    expect(auth.received.length).toBe(before)
  })

  it('should have no calendars route without PYAS_AUTHORIZE_URL, nor for zoom', async () => {
    const none = await send(`${plain.url}${PROXY}/google/calendars?accountId=acc_1`)
    expect(none.status).toBe(404)
    expect(none.json()).toEqual({ error: 'not_found' })
    const zoom = await send(`${bin.url}${PROXY}/zoom/calendars?accountId=acc_1`, {
      headers: { cookie: 'session=ada' },
    })
    expect(zoom.status).toBe(404)
  })
})

describe('pyas-proxy connect links', () => {
  async function createLink(headers: Record<string, string>, body: unknown = {}) {
    return send(`${bin.url}${PROXY}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  }

  it('should make a link for the signed-in user that connects once, as them, elsewhere', async () => {
    const made = await createLink({ cookie: 'session=grace' }, { provider: 'google' })
    expect(made.status).toBe(200)
    const { url } = made.json() as { url: string }
    expect(url.startsWith(`${LINK_URL}?pyas_link=`)).toBe(true)
    const token = new URL(url).searchParams.get('pyas_link') ?? ''

    // Another browser: no session cookie, only the link.
    const oauth = await send(`${bin.url}${PROXY}/google/oauth?email=g%40example.com&state=pyas_1`, {
      headers: { 'x-pyas-link': token },
    })
    expect(oauth.status).toBe(200)
    const forwardsBefore = receiver.received.length
    const first = await connect(bin, { 'x-pyas-link': token })
    expect(first.status).toBe(200)
    const forwarded = receiver.received.slice(forwardsBefore).map((r) => JSON.parse(r.body))
    expect(forwarded).toEqual([
      expect.objectContaining({ type: 'account.connected_by_user', userId: 'grace' }),
    ])

    const second = await connect(bin, { 'x-pyas-link': token })
    expect(second.status).toBe(403)
    expect(second.json()).toEqual({ error: 'link_invalid' })
    expect(receiver.received.length).toBe(forwardsBefore + 1)

    // A link for google does not open microsoft; a tampered one opens nothing.
    const other = await send(`${bin.url}${PROXY}/microsoft/oauth?email=g%40example.com`, {
      headers: { 'x-pyas-link': token },
    })
    expect(other.json()).toEqual({ error: 'link_invalid' })
    const tampered = await connect(bin, { 'x-pyas-link': `${token.slice(0, -2)}xx` })
    expect(tampered.json()).toEqual({ error: 'link_invalid' })

    // The token and the link secret are in no log line, and never reached Pyas.
    const output = bin.stdout() + bin.stderr()
    for (const secret of [token, token.split('.')[1] ?? '', LINK_SECRET]) {
      expect(output).not.toContain(secret)
      expect(JSON.stringify(pyas.fake.requests)).not.toContain(secret)
    }
  })

  it('should redact the link secret from what it logs', async () => {
    // An event name the webhook handler does not know is logged with a warning: here it carries
    // the link secret.
    const response = await send(`${bin.url}/api/webhooks/pyas?token=${WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: {
        'x-pyas-account-id': 'acc_1',
        'x-pyas-webhook-event': `x.${LINK_SECRET}.end`,
        'x-provider': 'google',
      },
    })
    expect(response.status).toBe(202)
    await bin.waitFor(() => bin.stderr().includes('ignored an unknown event'))
    const line = bin
      .stderr()
      .split('\n')
      .find((text) => text.includes('ignored an unknown event'))
    expect(line).toContain('x.[redacted].end')
    expect(bin.stdout() + bin.stderr()).not.toContain(LINK_SECRET)
  })

  it('should answer 403 to POST links for a signed-out visitor', async () => {
    const response = await createLink({})
    expect(response.status).toBe(403)
    expect(response.json()).toEqual({ error: 'forbidden' })
  })

  it('should have no links route without PYAS_LINK_SECRET', async () => {
    const response = await send(`${plain.url}${PROXY}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(404)
  })

  it('should warn when links are on without PYAS_AUTHORIZE_URL', async () => {
    const result = await runBin(
      { PYAS_API_KEY: API_KEY, PYAS_LINK_SECRET: LINK_SECRET, PYAS_LINK_URL: LINK_URL },
      ['--check'],
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/PYAS_LINK_SECRET is set without PYAS_AUTHORIZE_URL/)
    expect(result.stdout + result.stderr).not.toContain(LINK_SECRET)
  })
})

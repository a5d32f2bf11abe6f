// @vitest-environment node
// The demo's offline fake Pyas keeps its accounts across restarts: a new fake (a restarted demo)
// still knows an account by the id it always had, in connect answers and in webhooks.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type AccountStore, openAccountStore } from '../../demo/accountStore.mjs'
import { createPersistentFake } from '../../demo/persistentFake.mjs'
import { createFakePyas } from '../../src/testing/createFakePyas.js'

const BASE = 'http://127.0.0.1:5173/fake-pyas'
const WEBHOOK = 'http://127.0.0.1:5173/api/webhooks/pyas?token=a-long-enough-secret'

let store: AccountStore
beforeAll(async () => {
  store = await openAccountStore()
}, 30_000)
afterAll(() => store?.close())

/** A "start" of the demo: a new fake behind the same database; webhooks go to `sent`. */
function start(sent: Array<{ accountId: string | null; event: string | null }>) {
  vi.stubGlobal('fetch', async (_input: string, init: RequestInit) => {
    const headers = new Headers(init.headers)
    sent.push({
      accountId: headers.get('x-pyas-account-id'),
      event: headers.get('x-pyas-webhook-event'),
    })
    return new Response(null, { status: 204 })
  })
  return createPersistentFake({
    createFakePyas: createFakePyas as never,
    store,
    baseUrl: BASE,
    fakeOptions: { apiKey: 'fake_key', redirectUrl: 'http://127.0.0.1:5173/', webhookUrl: WEBHOOK },
  })
}

async function connect(pyas: Awaited<ReturnType<typeof start>>, email: string) {
  const code = pyas.fake.issueCode('google', { email })
  const response = await pyas.fetch(`${BASE}/google/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'fake_key' },
    body: JSON.stringify({ code, name: 'Ada Lovelace' }),
  })
  expect(response.status).toBe(200)
  return (await response.json()).data.account as { accountId: string; status: string }
}

describe('the demo’s fake Pyas across restarts', () => {
  it('keeps accountIds, statuses and webhooks by the lasting id', async () => {
    const sent: Array<{ accountId: string | null; event: string | null }> = []
    const first = await start(sent)
    const account = await connect(first, 'ada@example.com')
    expect(sent).toEqual([{ accountId: account.accountId, event: 'account.connected' }])
    await first.setAccountStatus(account.accountId, 'inactive')
    expect(sent.at(-1)).toEqual({ accountId: account.accountId, event: 'account.inactive' })

    // Restarted: a new in-memory fake; replaying sends no webhooks.
    sent.length = 0
    const second = await start(sent)
    expect(sent).toEqual([])
    expect(second.knows(account.accountId)).toBe(true)
    // Still inactive there: making it active again sends account.connected, by the lasting id.
    await second.setAccountStatus(account.accountId, 'active')
    expect(sent).toEqual([{ accountId: account.accountId, event: 'account.connected' }])
    await second.setAccountStatus(account.accountId, 'inactive')
    // A reconnect answers with the same accountId.
    const again = await connect(second, 'ada@example.com')
    expect(again).toMatchObject({ accountId: account.accountId, status: 'active' })
    expect(sent.at(-1)).toEqual({ accountId: account.accountId, event: 'account.connected' })
    // Another email is another account.
    const other = await connect(second, 'grace@example.com')
    expect(other.accountId).not.toBe(account.accountId)
    expect(second.knows('acc_unknown')).toBe(false)
    vi.unstubAllGlobals()
  }, 30_000)

  it('lists an account’s calendars by its lasting id, with the same calendar ids after a restart', async () => {
    const sent: Array<{ accountId: string | null; event: string | null }> = []
    const list = async (pyas: Awaited<ReturnType<typeof start>>, accountId: string) => {
      const response = await pyas.fetch(`${BASE}/microsoft/calendars?accountId=${accountId}`, {
        headers: { 'x-api-key': 'fake_key' },
      })
      expect(response.status).toBe(200)
      const { calendars } = (await response.json()).data
      return calendars.map((calendar: { id: string }) => calendar.id)
    }
    const first = await start(sent)
    const code = first.fake.issueCode('microsoft', { email: 'lin@example.com' })
    const connected = await first.fetch(`${BASE}/microsoft/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'fake_key' },
      body: JSON.stringify({ code, name: 'Lin' }),
    })
    const { accountId } = (await connected.json()).data.account
    const before = await list(first, accountId)
    expect(before).toContain(`AAMkAD${accountId}-calendar`)
    const second = await start(sent)
    expect(await list(second, accountId)).toEqual(before)
    // And setCalendars names the account by its lasting id too.
    await second.setCalendars(accountId, [{ id: 'only-one', name: 'Only one', primary: true }])
    expect(await list(second, accountId)).toEqual(['only-one'])
    vi.unstubAllGlobals()
  }, 30_000)
})

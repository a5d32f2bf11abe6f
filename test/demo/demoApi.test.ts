// @vitest-environment node
// The demo's own API over real HTTP, on an in-memory PGlite: sessions, the profile, the saved
// accounts, and the revoke simulation, each only for the signed-in user's own rows.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type AccountStore, openAccountStore } from '../../demo/accountStore.mjs'
import { createDemoApi } from '../../demo/demoApi.mjs'

let store: AccountStore
let server: Server
let base: string
const setAccountStatus = vi.fn(async () => undefined)

beforeAll(async () => {
  store = await openAccountStore()
  const api = createDemoApi({ store, fakePyas: { setAccountStatus, knows: () => true } })
  server = createServer((req, res) => {
    api.handle(req, res).then((handled) => {
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

/** Signs in as a new user; returns the cookie header to send and the raw Set-Cookie lines. */
async function signIn() {
  const response = await fetch(`${base}/api/session`)
  expect(response.status).toBe(200)
  const setCookies = response.headers.getSetCookie()
  const cookie = setCookies.map((line) => line.split(';')[0]).join('; ')
  return { cookie, setCookies, body: await response.json() }
}

const sameOrigin = () => ({ origin: base })

describe('demo API', () => {
  it('signs a first visit in with the default profile, in a Lax and a Partitioned cookie', async () => {
    const { setCookies, body, cookie } = await signIn()
    expect(body).toEqual({ user: { name: 'Ada Lovelace', email: 'ada@example.com' } })
    expect(setCookies).toHaveLength(2)
    expect(setCookies[0]).toMatch(/^acme_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/)
    expect(setCookies[1]).toMatch(/HttpOnly; SameSite=None; Secure; Partitioned/)
    // Signed in: the same user again, no new cookie.
    const again = await fetch(`${base}/api/session`, { headers: { cookie } })
    expect(again.headers.getSetCookie()).toEqual([])
  })

  it('refuses the accounts, the profile and the revoke without a session', async () => {
    expect((await fetch(`${base}/api/accounts`)).status).toBe(401)
    const put = await fetch(`${base}/api/session`, {
      method: 'PUT',
      headers: { ...sameOrigin(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', email: 'x@example.com' }),
    })
    expect(put.status).toBe(401)
    const revoke = await fetch(`${base}/api/demo/accounts/acc_1/revoke`, {
      method: 'POST',
      headers: sameOrigin(),
    })
    expect(revoke.status).toBe(401)
  })

  it('saves the profile only from a page of its own origin', async () => {
    const { cookie } = await signIn()
    const profile = JSON.stringify({ name: 'Grace Hopper', email: 'grace@example.com' })
    const headers = { cookie, 'content-type': 'application/json' }
    const foreign = await fetch(`${base}/api/session`, {
      method: 'PUT',
      headers: { ...headers, origin: 'https://evil.example' },
      body: profile,
    })
    expect(foreign.status).toBe(403)
    const own = await fetch(`${base}/api/session`, {
      method: 'PUT',
      headers: { ...headers, ...sameOrigin() },
      body: profile,
    })
    expect(await own.json()).toEqual({ user: { name: 'Grace Hopper', email: 'grace@example.com' } })
    const bad = await fetch(`${base}/api/session`, {
      method: 'PUT',
      headers: { ...headers, ...sameOrigin() },
      body: JSON.stringify({ name: 42 }),
    })
    expect(bad.status).toBe(400)
  })

  it('lists, revokes and disconnects only the user’s own accounts', async () => {
    const ada = await signIn()
    const grace = await signIn()
    const adaId = (await store.getUser(/acme_session=([\w-]+)/.exec(ada.cookie)?.[1] ?? ''))?.id
    expect(adaId).toBeDefined()
    await store.upsertAccount(adaId as string, {
      accountId: 'acc_ada',
      provider: 'google',
      email: 'ada@example.com',
      status: 'active',
    })
    const list = await fetch(`${base}/api/accounts`, { headers: { cookie: ada.cookie } })
    expect(list.headers.get('cache-control')).toBe('no-store')
    expect((await list.json()).accounts.map((row: { accountId: string }) => row.accountId)).toEqual(
      ['acc_ada'],
    )
    const graceList = await fetch(`${base}/api/accounts`, { headers: { cookie: grace.cookie } })
    expect((await graceList.json()).accounts).toEqual([])

    const revoke = (cookie: string) =>
      fetch(`${base}/api/demo/accounts/acc_ada/revoke`, {
        method: 'POST',
        headers: { cookie, ...sameOrigin() },
      })
    expect((await revoke(grace.cookie)).status).toBe(404)
    expect(setAccountStatus).not.toHaveBeenCalled()
    expect((await revoke(ada.cookie)).status).toBe(204)
    expect(setAccountStatus).toHaveBeenCalledWith('acc_ada', 'inactive')

    const disconnect = (cookie: string) =>
      fetch(`${base}/api/accounts/acc_ada`, {
        method: 'DELETE',
        headers: { cookie, ...sameOrigin() },
      })
    expect((await disconnect(grace.cookie)).status).toBe(404)
    expect((await disconnect(ada.cookie)).status).toBe(204)
    expect(await store.listAccounts(adaId as string)).toEqual([])
  })
})

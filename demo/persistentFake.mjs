// Offline mode: the embedded fake Pyas, made to remember its accounts across restarts of the demo.
//
// Real Pyas keeps an account (and its `accountId`) for as long as it exists; the fake keeps it in
// memory only. The demo's database outlives the process, so without this a restart would leave
// saved rows whose accounts "Pyas" no longer knows: "Revoke access (simulate)" would find nothing
// and a reconnect would get a new `accountId`. So the fake's accounts are written to the database,
// and at start each one is connected again in the new fake (which can only mint new ids); the
// demo then translates between the fake's new id and the id the account has always had, in the
// connect answer and in the webhooks. Nothing of this is needed with real Pyas.

/**
 * @param {object} options
 * @param {(options: object) => any} options.createFakePyas from `@pyas/react/testing`
 * @param {object} options.fakeOptions passed on (`apiKey`, `redirectUrl`, `webhookUrl`, …)
 * @param {import('./accountStore.d.mts').AccountStore} options.store
 * @param {string} options.baseUrl where the proxy calls the fake
 */
export async function createPersistentFake({ createFakePyas, fakeOptions, store, baseUrl }) {
  const stableOf = new Map() // the fake's id → the account's lasting id
  const fakeOf = new Map() // the lasting id → the fake's id
  let replaying = false

  const fake = createFakePyas({
    ...fakeOptions,
    // Webhooks go out over HTTP as Pyas sends them, naming the account by its lasting id.
    webhookFetch: (input, init = {}) => {
      if (replaying) return Promise.resolve(new Response(null, { status: 204 }))
      const headers = new Headers(init.headers)
      const id = headers.get('x-pyas-account-id')
      if (id && stableOf.has(id)) headers.set('x-pyas-account-id', stableOf.get(id))
      return fetch(input, { ...init, headers })
    },
  })

  const link = (fakeId, stableId) => {
    stableOf.set(fakeId, stableId)
    fakeOf.set(stableId, fakeId)
  }

  /**
   * The proxy's `fetch`: the fake, with `connect` answers carrying the lasting id, and `calendars`
   * calls made by the lasting id (the fake's calendar ids name its own id: they are answered with
   * the lasting one, so a calendar keeps its id across restarts too).
   */
  async function fetchThrough(input, init) {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (request.method === 'GET' && /\/calendars$/.test(url.pathname)) {
      return calendarsThrough(request, url)
    }
    const response = await fake.fetch(request)
    if (request.method !== 'POST' || !/\/connect$/.test(url.pathname)) {
      return response
    }
    if (!response.ok) return response
    const body = await response.json()
    const account = body?.data?.account
    if (account?.accountId) {
      const stableId = stableOf.get(account.accountId) ?? account.accountId
      link(account.accountId, stableId)
      account.accountId = stableId
      await store.saveFakeAccount(account)
    }
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    return new Response(JSON.stringify(body), { status: response.status, headers })
  }

  async function calendarsThrough(request, url) {
    const stableId = url.searchParams.get('accountId')
    const fakeId = stableId ? fakeOf.get(stableId) : undefined
    if (!fakeId || fakeId === stableId) return fake.fetch(request)
    url.searchParams.set('accountId', fakeId)
    const response = await fake.fetch(new Request(url, { headers: request.headers }))
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    const body = (await response.text()).replaceAll(fakeId, stableId)
    return new Response(body, { status: response.status, headers })
  }

  // Connect every remembered account again in this new fake, quietly (no webhooks: the rows
  // already say what they say).
  replaying = true
  try {
    for (const saved of await store.listFakeAccounts()) {
      const code = fake.issueCode(saved.provider, saved.email ? { email: saved.email } : {})
      const response = await fake.fetch(`${baseUrl}/${saved.provider}/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': fake.apiKey },
        body: JSON.stringify({ code, name: saved.name || 'Demo user' }),
      })
      const { data } = await response.json()
      link(data.account.accountId, saved.accountId)
      if (saved.status === 'inactive')
        await fake.setAccountStatus(data.account.accountId, 'inactive')
    }
  } finally {
    replaying = false
  }

  return {
    fake,
    fetch: fetchThrough,
    /** `fake.setAccountStatus` by the lasting id; resolves once the webhook was answered. */
    async setAccountStatus(accountId, status) {
      const fakeId = fakeOf.get(accountId) ?? accountId
      const account = fake.accounts().find((each) => each.accountId === fakeId)
      const delivery = await fake.setAccountStatus(fakeId, status)
      if (account) await store.saveFakeAccount({ ...account, accountId, status })
      return delivery
    },
    /**
     * `fake.setCalendars` by the lasting id (calendars in the fake's shape, ids as the proxy shows
     * them); resolves once its `calendars.*` webhooks were answered.
     */
    setCalendars(accountId, calendars) {
      return fake.setCalendars(fakeOf.get(accountId) ?? accountId, calendars)
    },
    /** Whether the fake knows the account (by its lasting id). */
    knows(accountId) {
      const fakeId = fakeOf.get(accountId) ?? accountId
      return fake.accounts().some((each) => each.accountId === fakeId)
    },
  }
}

// The demo product's own API, beside the Pyas proxy: who is signed in (a cookie session) and the
// accounts saved for them. The browser never tells the server which accounts it has: rows are
// written by the proxy's `onConnected` and changed by Pyas's webhooks.
//
//   GET    /api/session                    the signed-in user (a first visit signs in a new one)
//   PUT    /api/session  {name, email}     the profile form: who this user is
//   GET    /api/accounts                   the user's saved accounts
//   DELETE /api/accounts/:accountId        forget one (Disconnect)
//   POST   /api/demo/accounts/:accountId/revoke   offline only: the fake Pyas revokes the grant
import { randomBytes } from 'node:crypto'

/** The session cookie. Top level it is a plain `SameSite=Lax` cookie. */
const SESSION = 'acme_session'
/**
 * The same session for the page framed by another site (the Embedded view): a cross-site frame
 * only gets cookies that are `SameSite=None; Secure`, and `Partitioned` keeps this one to that
 * embedding (and lets browsers that block third-party cookies still keep it).
 */
const SESSION_EMBEDDED = 'acme_session_embedded'
const MAX_BODY = 4096
const MAX_FIELD = 200
const MAX_ID = 200

export const DEFAULT_PROFILE = { name: 'Ada Lovelace', email: 'ada@example.com' }

function readCookies(header) {
  const cookies = new Map()
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim())
  }
  return cookies
}

/** The session id a request carries, from either cookie. */
export function sessionIdOf(cookieHeader) {
  const cookies = readCookies(cookieHeader)
  const id = cookies.get(SESSION) || cookies.get(SESSION_EMBEDDED)
  return id && /^[\w-]{20,100}$/.test(id) ? id : undefined
}

function sessionCookies(id) {
  const year = 60 * 60 * 24 * 365
  return [
    `${SESSION}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${year}`,
    `${SESSION_EMBEDDED}=${id}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned; Max-Age=${year}`,
  ]
}

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(body === undefined ? undefined : JSON.stringify(body))
}

export function readJson(req) {
  return new Promise((resolve) => {
    let size = 0
    const chunks = []
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(undefined)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        resolve(undefined)
      }
    })
    req.on('error', () => resolve(undefined))
  })
}

const isText = (value) => typeof value === 'string' && value.length <= MAX_FIELD

/**
 * The id in a path segment, decoded; `undefined` when it is malformed (a broken `%` escape, empty,
 * too long, or with control characters), which the caller answers 400, never 500.
 */
export function idFromSegment(segment) {
  let id
  try {
    id = decodeURIComponent(segment)
  } catch {
    return undefined
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  return id && id.length <= MAX_ID && !/[\u0000-\u001f\u007f]/.test(id) ? id : undefined
}

/**
 * @param {object} options
 * @param {import('./accountStore.d.mts').AccountStore} options.store
 * @param {{ setAccountStatus(id: string, status: string): Promise<unknown>, knows(id: string): boolean }} [options.fakePyas]
 *   offline only: the fake Pyas behind "Revoke access (simulate)"
 */
export function createDemoApi({ store, fakePyas }) {
  /**
   * The users whose "Revoke access (simulate)" of an account is in flight. The fake names one
   * account for every user who connected the same email, and its webhook names the account only,
   * so the webhook route asks here whose rows a simulated revoke may touch.
   */
  const revoking = new Map()

  /** The signed-in user of a request (node:http or Fetch), or `undefined`. */
  async function userOf(cookieHeader) {
    const id = sessionIdOf(cookieHeader)
    return id ? store.getUser(id) : undefined
  }

  /**
   * State-changing calls must come from a page of this server: browsers send `Origin` on every
   * such `fetch`, and a form on another site cannot set it to ours.
   */
  const sameOrigin = (req) => req.headers.origin === `http://${req.headers.host}`

  /** Handles `/api/session`, `/api/accounts…` and `/api/demo/…`; `false` for anything else. */
  async function handle(req, res) {
    const path = (req.url ?? '/').split('?')[0]
    const method = req.method ?? 'GET'
    if (path === '/api/session') {
      if (method === 'GET') {
        const user = await userOf(req.headers.cookie)
        if (user) return sendJson(res, 200, { user: { name: user.name, email: user.email } })
        const id = randomBytes(24).toString('base64url')
        const created = await store.saveUser({ id, ...DEFAULT_PROFILE })
        return sendJson(
          res,
          200,
          { user: { name: created.name, email: created.email } },
          { 'set-cookie': sessionCookies(id) },
        )
      }
      if (method === 'PUT') {
        if (!sameOrigin(req)) return sendJson(res, 403, { error: 'forbidden' })
        const user = await userOf(req.headers.cookie)
        if (!user) return sendJson(res, 401, { error: 'unauthorized' })
        const body = await readJson(req)
        if (!isText(body?.name) || !isText(body?.email)) {
          return sendJson(res, 400, { error: 'invalid_request' })
        }
        const saved = await store.saveUser({ id: user.id, name: body.name, email: body.email })
        return sendJson(res, 200, { user: { name: saved.name, email: saved.email } })
      }
      return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET, PUT' })
    }

    if (path === '/api/accounts') {
      if (method !== 'GET')
        return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET' })
      const user = await userOf(req.headers.cookie)
      if (!user) return sendJson(res, 401, { error: 'unauthorized' })
      return sendJson(res, 200, { accounts: await store.listAccounts(user.id) })
    }

    const one = /^\/api\/accounts\/([^/]+)$/.exec(path)
    if (one) {
      if (method !== 'DELETE') {
        return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'DELETE' })
      }
      const accountId = idFromSegment(one[1])
      if (accountId === undefined) return sendJson(res, 400, { error: 'invalid_request' })
      if (!sameOrigin(req)) return sendJson(res, 403, { error: 'forbidden' })
      const user = await userOf(req.headers.cookie)
      if (!user) return sendJson(res, 401, { error: 'unauthorized' })
      const removed = await store.removeAccount(accountId, user.id)
      return sendJson(res, removed ? 204 : 404, removed ? undefined : { error: 'not_found' })
    }

    const revoke = /^\/api\/demo\/accounts\/([^/]+)\/revoke$/.exec(path)
    if (revoke && fakePyas) {
      if (method !== 'POST')
        return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' })
      const accountId = idFromSegment(revoke[1])
      if (accountId === undefined) return sendJson(res, 400, { error: 'invalid_request' })
      if (!sameOrigin(req)) return sendJson(res, 403, { error: 'forbidden' })
      const user = await userOf(req.headers.cookie)
      if (!user) return sendJson(res, 401, { error: 'unauthorized' })
      if (!(await store.hasAccount(user.id, accountId)) || !fakePyas.knows(accountId)) {
        return sendJson(res, 404, { error: 'not_found' })
      }
      const users = revoking.get(accountId) ?? new Set()
      users.add(user.id)
      revoking.set(accountId, users)
      try {
        // Resolves once the fake's `account.inactive` webhook was answered by our webhook route,
        // so the row is already updated when the browser refetches the list.
        await fakePyas.setAccountStatus(accountId, 'inactive')
      } finally {
        users.delete(user.id)
        if (users.size === 0 && revoking.get(accountId) === users) revoking.delete(accountId)
      }
      // When another user of the same account revoked it first, the fake's account is already
      // inactive and sends no webhook: this user's row is set here.
      await store.setStatus(accountId, 'inactive', [user.id])
      return sendJson(res, 204)
    }

    if (path.startsWith('/api/demo/') || path.startsWith('/api/accounts/')) {
      return sendJson(res, 404, { error: 'not_found' })
    }
    return false
  }

  /**
   * The users whose simulated revoke of `accountId` is in flight (the only rows its webhook may
   * change), or `undefined` when none is: a webhook then speaks for every user of the account.
   */
  function simulatedRevokersOf(accountId) {
    const users = revoking.get(accountId)
    return users ? [...users] : undefined
  }

  return { handle, userOf, simulatedRevokersOf }
}

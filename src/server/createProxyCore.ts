import type { ProviderId } from '../core/providers.js'
import type { PyasConnectLinkClaims } from './createConnectLinks.js'
import { createUpstreamCaller } from './createUpstreamCaller.js'
import {
  BAD_GATEWAY,
  FORBIDDEN,
  INTERNAL_ERROR,
  type JsonResult,
  jsonResult,
  LINK_INVALID,
  NOT_FOUND,
  ONLY_GET,
  ONLY_POST,
  validationResult,
} from './jsonResult.js'
import { matchRoute, type Route } from './matchRoute.js'
import type { ProxyCore, ProxyExchange, ProxyResult } from './ProxyExchange.js'
import type { PyasConnectedContext } from './PyasProxyOptions.js'
import { readConnectBody, readLinksBody } from './readConnectBody.js'
import { connectedAccount, readUpstreamAnswer } from './readUpstreamAnswer.js'
import type { ResolvedProxyOptions } from './resolveProxyOptions.js'

/**
 * The upstream path of an `oauth` call, built from the client's query: only `email` (not for zoom)
 * and `state` are carried over, re-encoded; absent ones are left out. `email` is returned for
 * `authorize`.
 */
function oauthTarget(
  provider: ProviderId,
  search: string,
): { path: string; email: string | undefined } {
  const params = new URLSearchParams(search)
  const email = provider === 'zoom' ? null : params.get('email')
  const state = params.get('state')
  let query = ''
  if (email !== null) query += `&email=${encodeURIComponent(email)}`
  if (state !== null) query += `&state=${encodeURIComponent(state)}`
  return {
    path: `/${provider}/oauth${query && `?${query.slice(1)}`}`,
    email: email ?? undefined,
  }
}

/** The user an `authorize` verdict names (`{userId}` with a non-empty string), else `undefined`. */
function signedInUser(verdict: unknown): string | undefined {
  const userId = (verdict as { userId?: unknown } | null)?.userId
  return typeof userId === 'string' && userId !== '' ? userId : undefined
}

function isSuccess(result: JsonResult): boolean {
  return result.status >= 200 && result.status < 300
}

/** Pyas account ids are short tokens; anything else never reaches the app's check or Pyas. */
const ACCOUNT_ID = /^[A-Za-z0-9._-]{1,200}$/

const BAD_ACCOUNT_ID = validationResult([
  {
    msg: '`accountId` is required: 1-200 characters of letters, digits, ".", "_" or "-".',
    param: 'accountId',
    location: 'query',
  },
])

/** The `accountId` query parameter when well-formed, else `undefined`. */
function accountIdOf(search: string): string | undefined {
  const accountId = new URLSearchParams(search).get('accountId')
  return accountId !== null && ACCOUNT_ID.test(accountId) ? accountId : undefined
}

/** Whether a route exists in this proxy: `calendars` and `links` are opt-in. */
function isEnabled(route: Route, options: ResolvedProxyOptions): boolean {
  if (route.action === 'calendars') {
    return options.authorizeAccount !== undefined && route.provider !== 'zoom'
  }
  if (route.action === 'links') return options.connectLinks !== undefined
  return true
}

/** Who a request acts for: refused (an answer), or allowed, maybe as a user or through a link. */
type Access = ProxyResult | { userId: string | undefined; link: PyasConnectLinkClaims | undefined }

/**
 * The proxy's request pipeline, shared by the Fetch handler and the Node fast path. Checks run in
 * the contract's order: route 404, method 405, origin 403, `authorize` (or the connect link) 403,
 * content type 415, size 413, body or query 400 (or 408 for a body too slow to arrive), then the
 * app's account check for `calendars` (403), then the upstream call.
 */
export function createProxyCore(options: ResolvedProxyOptions): ProxyCore {
  const { readApiKey, providers, isAllowedOrigin, authorize, onConnected, logger } = options
  const { authorizeAccount, connectLinks, maxBodyBytes, timeoutMs } = options
  const callUpstream = createUpstreamCaller(options)

  /**
   * The connect link a request carries (then `authorize` is not asked), else `authorize`'s verdict.
   * A link cannot mint links: `POST links` is always `authorize`'s.
   */
  async function access(
    exchange: ProxyExchange,
    route: Route,
    email: string | undefined,
  ): Promise<Access> {
    const token = connectLinks && route.action !== 'links' ? exchange.header('x-pyas-link') : null
    if (token !== null && connectLinks) {
      const claims = connectLinks.verify(token)
      if (!claims || (claims.provider !== undefined && claims.provider !== route.provider)) {
        return LINK_INVALID
      }
      return { userId: claims.userId, link: claims }
    }
    if (!authorize) return { userId: undefined, link: undefined }
    const { provider, action } = route
    const request = exchange.request()
    const verdict = await authorize({ request, provider, action, email })
    if (verdict instanceof Response) return { kind: 'response', response: verdict }
    if (verdict === true) return { userId: undefined, link: undefined }
    // Fail closed: only `true` or a signed-in user lets the request through.
    const userId = signedInUser(verdict)
    return userId === undefined ? FORBIDDEN : { userId, link: undefined }
  }

  async function run(exchange: ProxyExchange): Promise<ProxyResult> {
    const route = matchRoute(exchange.url, providers)
    if (!route || !isEnabled(route, options)) return NOT_FOUND
    const { action } = route
    const isGet = action === 'oauth' || action === 'calendars'
    if (isGet && exchange.method !== 'GET') return ONLY_GET
    if (!isGet && exchange.method !== 'POST') return ONLY_POST
    if (isAllowedOrigin) {
      const origin = exchange.header('origin')
      // A browser always sends Origin on a POST; a GET may come from a plain navigation or a
      // same-origin fetch, which carries none.
      const allowed = origin === null ? isGet : isAllowedOrigin(origin, exchange)
      if (!allowed) return FORBIDDEN
    }
    const oauth = route.action === 'oauth' ? oauthTarget(route.provider, route.search) : undefined
    const allowed = await access(exchange, route, oauth?.email)
    if ('kind' in allowed) return allowed
    const { userId, link } = allowed

    if (route.action === 'links') {
      // A link is made for a known user only: the one `authorize` returned.
      if (userId === undefined || !connectLinks) return FORBIDDEN
      const read = await readLinksBody(exchange, maxBodyBytes, timeoutMs, providers)
      if ('kind' in read) return read
      const url = await connectLinks.create(
        read.provider === undefined ? { userId } : { userId, provider: read.provider },
      )
      return jsonResult(200, JSON.stringify({ url }))
    }

    let path: string
    let body: string | undefined
    if (oauth) {
      path = oauth.path
    } else if (route.action === 'calendars') {
      const accountId = accountIdOf(route.search)
      if (accountId === undefined) return BAD_ACCOUNT_ID
      const context = { request: exchange.request(), provider: route.provider, accountId }
      // Fail closed: only a literal `true` lets the browser read this account's calendars.
      const owns = await authorizeAccount?.(userId === undefined ? context : { ...context, userId })
      if (owns !== true) return FORBIDDEN
      path = `/${route.provider}/calendars?accountId=${encodeURIComponent(accountId)}`
    } else {
      const read = await readConnectBody(exchange, maxBodyBytes, timeoutMs)
      if ('kind' in read) return read
      body = JSON.stringify({ code: read.code, name: read.name })
      path = `/${route.provider}/connect`
    }
    // Read per request (a function key may rotate), and only once every check has passed.
    const apiKey = await readApiKey()
    const upstream = await callUpstream(exchange, apiKey, path, body)
    if ('kind' in upstream) return upstream
    const { result, value } = readUpstreamAnswer(upstream, apiKey)
    if (route.action !== 'connect' || !isSuccess(result)) return result
    // A server must never save an account it cannot key, nor one of another provider.
    const account = connectedAccount(value, route.provider)
    if (!account) return BAD_GATEWAY
    // A link connects once: it is spent before anyone hears of the account, so two connects
    // racing on one link cannot both reach `onConnected` or both be answered as a success.
    if (link && !(await connectLinks?.consume(link.jti, link.exp))) return LINK_INVALID
    if (onConnected) {
      const context: PyasConnectedContext = {
        request: exchange.request(),
        provider: route.provider,
      }
      if (userId !== undefined) context.userId = userId
      if (link) context.link = link
      await onConnected(account, context)
    }
    return result
  }

  return async function handle(exchange) {
    try {
      return await run(exchange)
    } catch (error) {
      // The user's hooks (authorize, onConnected, allowedOrigins, an apiKey function) throw here,
      // and so does reading the body of a client that hung up. The client learns nothing; the
      // server log gets the cause, unless it was only the client leaving.
      if (!exchange.isAborted()) {
        logger.error('[@pyas/react/server] request failed with an internal error', error)
      }
      return INTERNAL_ERROR
    }
  }
}

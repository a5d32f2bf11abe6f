import type { ProviderId } from '../core/providers.js'
import { createUpstreamCaller } from './createUpstreamCaller.js'
import {
  BAD_GATEWAY,
  FORBIDDEN,
  INTERNAL_ERROR,
  type JsonResult,
  NOT_FOUND,
  ONLY_GET,
  ONLY_POST,
} from './jsonResult.js'
import { matchRoute } from './matchRoute.js'
import type { ProxyCore, ProxyExchange, ProxyResult } from './ProxyExchange.js'
import { readConnectBody } from './readConnectBody.js'
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

/**
 * The proxy's request pipeline, shared by the Fetch handler and the Node fast path. Checks run in
 * the contract's order: route 404, method 405, origin 403, `authorize` 403, content type 415,
 * size 413, body 400 (or 408 for a body too slow to arrive), then the upstream call.
 */
export function createProxyCore(options: ResolvedProxyOptions): ProxyCore {
  const { readApiKey, providers, isAllowedOrigin, authorize, onConnected, logger } = options
  const { maxBodyBytes, timeoutMs } = options
  const callUpstream = createUpstreamCaller(options)

  async function run(exchange: ProxyExchange): Promise<ProxyResult> {
    const route = matchRoute(exchange.url, providers)
    if (!route) return NOT_FOUND
    const { provider, action } = route
    if (action === 'oauth' && exchange.method !== 'GET') return ONLY_GET
    if (action === 'connect' && exchange.method !== 'POST') return ONLY_POST
    if (isAllowedOrigin) {
      const origin = exchange.header('origin')
      // A browser always sends Origin on a POST; a GET may come from a plain navigation.
      const allowed = origin === null ? action === 'oauth' : isAllowedOrigin(origin, exchange)
      if (!allowed) return FORBIDDEN
    }
    const oauth = action === 'oauth' ? oauthTarget(provider, route.search) : undefined
    let userId: string | undefined
    if (authorize) {
      const request = exchange.request()
      const verdict = await authorize({ request, provider, action, email: oauth?.email })
      if (verdict instanceof Response) return { kind: 'response', response: verdict }
      // Fail closed: only `true` or a signed-in user lets the request through.
      if (verdict !== true) {
        userId = signedInUser(verdict)
        if (userId === undefined) return FORBIDDEN
      }
    }
    let body: string | undefined
    if (!oauth) {
      const read = await readConnectBody(exchange, maxBodyBytes, timeoutMs)
      if ('kind' in read) return read
      body = JSON.stringify({ code: read.code, name: read.name })
    }
    // Read per request (a function key may rotate), and only once every check has passed.
    const apiKey = await readApiKey()
    const path = oauth?.path ?? `/${provider}/connect`
    const upstream = await callUpstream(exchange, apiKey, path, body)
    if ('kind' in upstream) return upstream
    const { result, value } = readUpstreamAnswer(upstream, apiKey)
    if (oauth || !isSuccess(result)) return result
    // A server must never save an account it cannot key, nor one of another provider.
    const account = connectedAccount(value, provider)
    if (!account) return BAD_GATEWAY
    if (onConnected) {
      const context = { request: exchange.request(), provider }
      await onConnected(account, userId === undefined ? context : { ...context, userId })
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

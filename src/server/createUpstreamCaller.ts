import {
  BAD_GATEWAY,
  type JsonResult,
  UPSTREAM_TIMEOUT,
  UPSTREAM_UNREACHABLE,
} from './jsonResult.js'
import type { ProxyExchange } from './ProxyExchange.js'
import type { ResolvedProxyOptions } from './resolveProxyOptions.js'
import { selectTransport } from './selectTransport.js'
import {
  abortCancellation,
  BadGatewayError,
  type Cancellation,
  type UpstreamResponse,
  type UpstreamTransport,
} from './UpstreamTransport.js'

/** Calls Pyas at `path` (GET, or POST with `body`); a failed call becomes its 502/504 answer. */
export type UpstreamCaller = (
  exchange: ProxyExchange,
  path: string,
  body: string | undefined,
) => Promise<UpstreamResponse | JsonResult>

/**
 * Sends the proxy's upstream calls with the API key and nothing else from the client. One timer
 * bounds the whole answer (504), and the call is dropped as soon as the client goes away.
 */
export function createUpstreamCaller(options: ResolvedProxyOptions): UpstreamCaller {
  const getHeaders = { 'x-api-key': options.apiKey, accept: 'application/json' }
  const postHeaders = { ...getHeaders, 'content-type': 'application/json' }
  let loading: Promise<UpstreamTransport> | undefined
  let transport: UpstreamTransport | undefined

  return async function callUpstream(exchange, path, body) {
    loading ??= selectTransport(options.baseUrl, options.fetch)
    transport ??= await loading
    const cancellation: Cancellation = { aborted: false, onAbort: undefined }
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      abortCancellation(cancellation)
    }, options.timeoutMs)
    const stopWatching = exchange.onAbort(() => abortCancellation(cancellation))
    try {
      return await transport({
        method: body === undefined ? 'GET' : 'POST',
        path,
        headers: body === undefined ? getHeaders : postHeaders,
        body,
        cancellation,
      })
    } catch (error) {
      if (timedOut) return UPSTREAM_TIMEOUT
      return error instanceof BadGatewayError ? BAD_GATEWAY : UPSTREAM_UNREACHABLE
    } finally {
      clearTimeout(timer)
      stopWatching()
    }
  }
}

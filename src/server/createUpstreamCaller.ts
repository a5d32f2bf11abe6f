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
  apiKey: string,
  path: string,
  body: string | undefined,
) => Promise<UpstreamResponse | JsonResult>

/**
 * Sends the proxy's upstream calls with the API key and nothing else from the client. One timer
 * bounds the whole answer (504): the call settles when it fires even if the transport never does
 * (an upgrade, a body that ignores the abort), and the call is dropped as soon as the client goes
 * away.
 */
export function createUpstreamCaller(options: ResolvedProxyOptions): UpstreamCaller {
  let loading: Promise<UpstreamTransport> | undefined
  let transport: UpstreamTransport | undefined

  return async function callUpstream(exchange, apiKey, path, body) {
    loading ??= selectTransport(options.baseUrl, options.fetch)
    transport ??= await loading
    const send = transport
    const cancellation: Cancellation = { aborted: false, onAbort: undefined }
    const headers: Record<string, string> = { 'x-api-key': apiKey, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopWatching = () => {}
    try {
      return await new Promise<UpstreamResponse | JsonResult>((resolve) => {
        let timedOut = false
        timer = setTimeout(() => {
          timedOut = true
          abortCancellation(cancellation)
          resolve(UPSTREAM_TIMEOUT)
        }, options.timeoutMs)
        stopWatching = exchange.onAbort(() => abortCancellation(cancellation))
        const method = body === undefined ? 'GET' : 'POST'
        send({ method, path, headers, body, cancellation }).then(resolve, (error: unknown) => {
          if (timedOut) resolve(UPSTREAM_TIMEOUT)
          else resolve(error instanceof BadGatewayError ? BAD_GATEWAY : UPSTREAM_UNREACHABLE)
        })
      })
    } finally {
      clearTimeout(timer)
      stopWatching()
    }
  }
}

import { readCapped } from './readCapped.js'
import {
  BadGatewayError,
  isPassedOnStatus,
  MAX_UPSTREAM_BYTES,
  type UpstreamTransport,
} from './UpstreamTransport.js'

const decoder = new TextDecoder()

/** Calls Pyas with a Fetch implementation (the `fetch` option, or the runtime's on edge runtimes). */
export function fetchTransport(fetchImpl: typeof fetch, baseUrl: string): UpstreamTransport {
  return async ({ method, path, headers, body, cancellation }) => {
    const controller = new AbortController()
    cancellation.onAbort = () => controller.abort()
    if (cancellation.aborted) controller.abort()
    const response = await fetchImpl(`${baseUrl}${path}`, {
      method,
      headers,
      body,
      signal: controller.signal,
      // A redirect would carry the API key to wherever Pyas (or an impostor) points.
      redirect: 'manual',
    })
    const { status } = response
    if (!isPassedOnStatus(status)) {
      // Not passed on, so not read: cancelling drops an endless body at once.
      response.body?.cancel().catch(() => {})
      return { status, body: '', header: () => null }
    }
    let text = ''
    if (response.body) {
      const read = await readCapped(response.body, { limit: MAX_UPSTREAM_BYTES })
      if (typeof read === 'string') throw new BadGatewayError('Pyas response too large')
      text = decoder.decode(read)
    }
    return { status, body: text, header: (name) => response.headers.get(name) }
  }
}

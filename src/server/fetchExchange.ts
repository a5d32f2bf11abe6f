import type { ProxyExchange } from './ProxyExchange.js'
import { readRequestBody } from './readLimited.js'

/** Wraps a Fetch `Request` for the proxy core. */
export function fetchExchange(request: Request): ProxyExchange {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    request: () => request,
    readBody: (limit) => readRequestBody(request, limit),
    onAbort(listener) {
      const { signal } = request
      if (signal.aborted) {
        listener()
        return () => {}
      }
      signal.addEventListener('abort', listener, { once: true })
      return () => signal.removeEventListener('abort', listener)
    },
    isAborted: () => request.signal.aborted,
  }
}

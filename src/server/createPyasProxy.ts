import { createProxyCore } from './createProxyCore.js'
import { toResponse } from './jsonResult.js'
import { type ProxyExchange, registerProxyCore } from './ProxyExchange.js'
import type { PyasProxyHandler, PyasProxyOptions } from './PyasProxyOptions.js'
import { readRequestBody } from './readCapped.js'
import { resolveProxyOptions } from './resolveProxyOptions.js'

/** Wraps a Fetch `Request` for the proxy core. */
function fetchExchange(request: Request): ProxyExchange {
  const { signal } = request
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    request: () => request,
    readBody: (limit, timeoutMs) => readRequestBody(request, limit, timeoutMs),
    onAbort(listener) {
      if (signal.aborted) {
        listener()
        return () => {}
      }
      signal.addEventListener('abort', listener, { once: true })
      return () => signal.removeEventListener('abort', listener)
    },
    isAborted: () => signal.aborted,
  }
}

/**
 * Creates the server half of the connect flow: a Fetch handler that forwards
 * `GET …/{provider}/oauth` and `POST …/{provider}/connect` (and, when `authorizeAccount` is given,
 * `GET …/{provider}/calendars?accountId=`) to Pyas with your API key, after the route, method,
 * origin, `authorize`, content type, size and body checks; with `connectLinks` it also answers
 * `POST …/links` and accepts requests authorized by a connect link. Mount it for GET and POST
 * under any path (Next.js route handler, Hono, Bun, Deno, workers; `toNodeHandler` for Node).
 *
 * @throws Error when an option is missing or invalid (e.g. no `apiKey`), so a misconfigured server
 * fails at start-up rather than on the first user.
 */
export function createPyasProxy(options: PyasProxyOptions): PyasProxyHandler {
  const core = createProxyCore(resolveProxyOptions(options))
  async function pyasProxy(request: Request): Promise<Response> {
    return toResponse(await core(fetchExchange(request)))
  }
  // Lets toNodeHandler skip the Request/Response round trip while running the same core.
  registerProxyCore(pyasProxy, core)
  return pyasProxy
}

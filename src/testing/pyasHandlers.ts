import { type HttpHandler, http } from 'msw'
import { createPyasProxy } from '../server/createPyasProxy.js'
import type { PyasProxyHandler } from '../server/PyasProxyOptions.js'
import { createFakePyas } from './createFakePyas.js'
import type { FakePyas } from './FakePyas.js'

/** Options of `pyasHandlers()`. */
export interface PyasHandlersOptions {
  /**
   * The proxy URL the app's `PyasProvider` uses. A path resolves against the page in a browser
   * (and jsdom) and matches any origin in plain Node.
   * @defaultValue `'/api/pyas'`
   */
  proxyUrl?: string
  /**
   * The fake behind the routes. Pass your own to issue codes, inject failures and read requests.
   * @defaultValue a new `createFakePyas()` whose `redirectUrl` is the current page
   * (`http://localhost/` outside a browser)
   */
  fake?: FakePyas
}

function currentPage(): string {
  if (typeof location === 'undefined') return 'http://localhost/'
  return `${location.origin}${location.pathname}${location.search}`
}

function routePath(proxyUrl: string, route: string): string {
  const base = proxyUrl.replace(/\/+$/, '')
  // msw keeps a relative path relative when there is no `location` (Node), where it matches nothing.
  if (base.startsWith('/') && typeof location === 'undefined') return `*${base}${route}`
  return `${base}${route}`
}

/**
 * msw handlers for the browser-facing proxy routes (`{proxyUrl}/:provider/oauth` and
 * `{proxyUrl}/:provider/connect`), answered by the real `createPyasProxy` with the fake as its
 * upstream: every check, status and header is the proxy's own (405, 415, 413, 400, 502 for a 5xx,
 * the rate-limit headers only on a 429), and only `email`/`state` and `code`/`name` reach the fake,
 * with its key added behind the scenes.
 */
export function pyasHandlers(options: PyasHandlersOptions = {}): HttpHandler[] {
  const { proxyUrl = '/api/pyas' } = options
  const fake = options.fake ?? createFakePyas({ redirectUrl: currentPage })
  const proxies = new Map<string, PyasProxyHandler>()

  /**
   * The proxy for the mount a request came to. The fake is its upstream at that same mount
   * (`http://localhost/api/pyas`), in memory through `fake.fetch`, so the consent URLs the fake
   * builds stay `{proxyUrl}/consent?…` on the page's origin.
   */
  function proxyFor(request: Request): PyasProxyHandler {
    const url = new URL(request.url)
    const baseUrl = `${url.origin}${url.pathname.split('/').slice(0, -2).join('/')}`
    let proxy = proxies.get(baseUrl)
    if (!proxy) {
      proxy = createPyasProxy({ apiKey: fake.apiKey, baseUrl, fetch: fake.fetch })
      proxies.set(baseUrl, proxy)
    }
    return proxy
  }

  const answer = ({ request }: { request: Request }) => proxyFor(request)(request)
  return [
    http.all(routePath(proxyUrl, '/:provider/oauth'), answer),
    http.all(routePath(proxyUrl, '/:provider/connect'), answer),
  ]
}

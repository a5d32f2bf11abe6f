import { type HttpHandler, HttpResponse, http } from 'msw'
import { createFakePyas } from './createFakePyas.js'
import type { FakePyas } from './FakePyas.js'
import { isProvider } from './providerDetails.js'

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

/** The browser sees Pyas's answer the way `createPyasProxy` passes it on. */
async function asProxyResponse(upstream: Response): Promise<Response> {
  if (upstream.status >= 500) {
    return HttpResponse.json(
      { error: 'bad_gateway' },
      { status: 502, headers: { 'cache-control': 'no-store' } },
    )
  }
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  const retryAfter = upstream.headers.get('retry-after')
  if (retryAfter !== null) headers.set('retry-after', retryAfter)
  return new Response(await upstream.text(), { status: upstream.status, headers })
}

function notFound(): Response {
  return HttpResponse.json(
    { error: 'not_found' },
    { status: 404, headers: { 'cache-control': 'no-store' } },
  )
}

/**
 * msw handlers for the browser-facing proxy routes (`GET {proxyUrl}/:provider/oauth`,
 * `POST {proxyUrl}/:provider/connect`), answered by a fake Pyas the way `createPyasProxy` would:
 * only `email`/`state` and `code`/`name` travel on, with the fake's key added behind the scenes.
 */
export function pyasHandlers(options: PyasHandlersOptions = {}): HttpHandler[] {
  const { proxyUrl = '/api/pyas' } = options
  const fake = options.fake ?? createFakePyas({ redirectUrl: currentPage })

  return [
    http.get(routePath(proxyUrl, '/:provider/oauth'), async ({ request, params }) => {
      if (!isProvider(params.provider)) return notFound()
      const url = new URL(request.url)
      const forwarded = new URLSearchParams()
      for (const name of ['email', 'state']) {
        const value = url.searchParams.get(name)
        if (value !== null) forwarded.set(name, value)
      }
      url.search = forwarded.toString()
      const headers = { 'x-api-key': fake.apiKey }
      return asProxyResponse(
        await fake.handle(new Request(url, { headers, signal: request.signal })),
      )
    }),
    http.post(routePath(proxyUrl, '/:provider/connect'), async ({ request, params }) => {
      if (!isProvider(params.provider)) return notFound()
      let body: unknown
      try {
        body = await request.json()
      } catch {
        body = undefined
      }
      const { code, name } =
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
      const upstream = new Request(request.url, {
        method: 'POST',
        headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ code, name }),
        signal: request.signal,
      })
      return asProxyResponse(await fake.handle(upstream))
    }),
  ]
}

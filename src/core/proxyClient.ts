import type { connectedAccount } from './account.js'
import { warnDeveloper } from './developerHints.js'
import { errorFromResponse, isRecord } from './errorFromResponse.js'
import { PyasConnectError } from './PyasConnectError.js'
import { needsEmail, type ProviderId } from './providers.js'
import type { PyasAccount } from './types.js'

/** Extra headers for every proxy request: an object, or a (sync or async) function returning one. */
export type PyasHeaders =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>)

/** How the browser reaches the customer-hosted proxy. */
export interface ProxyClientOptions {
  /** @defaultValue `'/api/pyas'` */
  proxyUrl?: string
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  headers?: PyasHeaders
  /** @defaultValue `'same-origin'` */
  credentials?: RequestCredentials
}

export interface ProxyClient {
  /** `link`: the token of the connect link the connect runs from, sent as `x-pyas-link`. */
  getOAuthUrl(
    provider: ProviderId,
    params: { email?: string; state: string; link?: string },
    signal?: AbortSignal,
  ): Promise<string>
  /**
   * `link`: as for `getOAuthUrl`; the body is `{code, name}`. `read` finds the account in the answer
   * ({@link connectedAccount}): it is the return path's, so a page's first load carries no reader.
   */
  connect(
    provider: ProviderId,
    body: { code: string; name: string; link?: string },
    read: (answer: Record<string, unknown>) => PyasAccount | undefined,
    signal?: AbortSignal,
  ): Promise<PyasAccount>
}

/**
 * One request to the proxy: `init` on `{proxyUrl}{path}` (its headers over `accept`, the app's
 * over both); resolves what `pick` finds in the JSON answer.
 */
export type ProxyRequest = <T>(
  path: string,
  init: RequestInit & { method: string; headers?: Record<string, string> },
  pick: (body: Record<string, unknown>) => T | undefined,
) => Promise<T>

/** The header a connect link's token travels in (the proxy then authorizes by the link). */
const linkHeader = (link: string | undefined) => (link ? { 'x-pyas-link': link } : undefined)

export const DEFAULT_PROXY_URL = '/api/pyas'

// Browsers resolve a relative URL against the page themselves; fetch outside one (jsdom, tests)
// rejects it. Resolving here gives both the same behaviour.
const resolve = (url: string): string =>
  typeof location === 'undefined' || !location.href ? url : new URL(url, location.href).href

/**
 * The OAuth URL if it is one a browser may be sent to: absolute `https:` or `http:`. Anything else
 * (`javascript:`, `data:`, a relative or unparsable URL) would run script in, or stay on, the app's
 * origin, so it is never followed.
 */
function navigableUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

/**
 * The one way the browser asks the proxy anything: the same headers (`accept`, the app's own, a
 * connect link's), the same `fetch` and `credentials`, and the same mapping of every failure to a
 * {@link PyasConnectError} (with a developer hint for the integration's own mistakes). A 2xx without
 * what `pick` looks for (or without a JSON body) is a `proxy_error`, like any unexpected status.
 * Each route is one call of it, next to the code that uses the route, so a bundle carries only the
 * routes it calls: the connect routes below, `POST /links` in `PyasOpenInBrowser`, the calendars
 * route in `fetchCalendars`.
 */
export function createProxyRequest(options: ProxyClientOptions = {}): ProxyRequest {
  const base = (options.proxyUrl ?? DEFAULT_PROXY_URL).replace(/\/+$/, '')
  return async (path, init, pick) => {
    const url = resolve(`${base}${path}`)
    let response: Response
    try {
      // Inside the try: a headers function that fails (say, fetching a CSRF token) is a network error.
      const extra =
        typeof options.headers === 'function' ? await options.headers() : options.headers
      response = await (options.fetch ?? globalThis.fetch)(url, {
        ...init,
        credentials: options.credentials ?? 'same-origin',
        headers: { accept: 'application/json', ...init.headers, ...extra },
      })
    } catch (error) {
      if (init.signal?.aborted) throw error
      throw new PyasConnectError('network', { cause: error })
    }
    const { status } = response
    const body: unknown = await response.json().catch(() => undefined)
    if (!response.ok) {
      throw warnDeveloper(
        errorFromResponse(status, response.headers, body),
        `${init.method} ${url}`,
      )
    }
    const picked = isRecord(body) ? pick(body) : undefined
    if (picked === undefined) throw new PyasConnectError('proxy_error', { status, cause: body })
    return picked
  }
}

/** The answer's `url`, if a browser may be sent there. */
export const pickUrl = (body: Record<string, unknown>) => navigableUrl(body.url)

/** The connect routes: the OAuth URL, and the exchange of the code for the account. */
export function createProxyClient(options: ProxyClientOptions = {}): ProxyClient {
  const request = createProxyRequest(options)
  return {
    getOAuthUrl(provider, { email, state, link }, signal) {
      const query = new URLSearchParams()
      if (email !== undefined && needsEmail(provider)) query.set('email', email)
      query.set('state', state)
      const init = { method: 'GET', signal, headers: linkHeader(link) }
      return request(`/${provider}/oauth?${query}`, init, pickUrl)
    },
    connect(provider, { code, name, link }, read, signal) {
      const init = {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json', ...linkHeader(link) },
        body: JSON.stringify({ code, name }),
      }
      return request(`/${provider}/connect`, init, read)
    },
  }
}

import { readAccount } from './account.js'
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
  /** `link`: as for `getOAuthUrl`; the body is `{code, name}`. */
  connect(
    provider: ProviderId,
    body: { code: string; name: string; link?: string },
    signal?: AbortSignal,
  ): Promise<PyasAccount>
}

/** The proxy's connect links route, used only by `PyasOpenInBrowser`. */
export interface ProxyLinkClient {
  /** A connect link for the signed-in user (`POST /links`), where the proxy offers them. */
  createLink(provider?: ProviderId, signal?: AbortSignal): Promise<string>
}

export const DEFAULT_PROXY_URL = '/api/pyas'

/** The header a connect link's token travels in (the proxy then authorizes by the link). */
const linkHeader = (link: string | undefined) => (link ? { 'x-pyas-link': link } : undefined)

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

/** A small fetch wrapper for the two proxy routes; every failure is a {@link PyasConnectError}. */
export function createProxyClient(options: ProxyClientOptions = {}): ProxyClient & ProxyLinkClient {
  const base = (options.proxyUrl ?? DEFAULT_PROXY_URL).replace(/\/+$/, '')
  const credentials = options.credentials ?? 'same-origin'

  /**
   * Sends one request and returns what `pick` finds in the JSON body; a 2xx without it (or without a
   * JSON body) is a `proxy_error`, like any unexpected status.
   */
  async function request<T>(
    path: string,
    init: RequestInit,
    pick: (body: Record<string, unknown>) => T | undefined,
  ): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch
    const url = resolve(`${base}${path}`)
    let response: Response
    try {
      // Inside the try: a headers function that fails (say, fetching a CSRF token) is a network error.
      const extra =
        typeof options.headers === 'function' ? await options.headers() : options.headers
      response = await doFetch(url, {
        ...init,
        credentials,
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

  return {
    getOAuthUrl(provider, { email, state, link }, signal) {
      const query = new URLSearchParams()
      if (email !== undefined && needsEmail(provider)) query.set('email', email)
      query.set('state', state)
      const init = { method: 'GET', signal, headers: linkHeader(link) }
      return request(`/${provider}/oauth?${query}`, init, (body) => navigableUrl(body.url))
    },
    connect(provider, { code, name, link }, signal) {
      const init = {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json', ...linkHeader(link) },
        body: JSON.stringify({ code, name }),
      }
      return request(`/${provider}/connect`, init, (body) =>
        readAccount(isRecord(body.data) ? body.data.account : undefined, provider),
      )
    },
    createLink(provider, signal) {
      const init = {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(provider ? { provider } : {}),
      }
      return request('/links', init, (body) => navigableUrl(body.url))
    },
  }
}

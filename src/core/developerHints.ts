import { isRecord } from './errorFromResponse.js'
import type { PyasConnectError } from './PyasConnectError.js'

/**
 * Logs one `console.warn` for the developer when `error` points at the integration rather than at
 * the user: a 404 of the integration's (wrong `proxyUrl`, the proxy not mounted, its calendars route
 * off; not one Pyas passed through, nor a links route a proxy need not have), a 401 (the server's
 * Pyas API key refused), a 5xx, or a return with no attempt record (`state_mismatch`). `url` is the
 * request tried (by default the page, for a return); its query is left out, so no email, state or
 * code is logged. The user sees `error.message`, which never speaks of keys or URLs. Returns `error`.
 *
 * Development only. The test is `process.env.NODE_ENV` written out in full, the text bundlers
 * replace: in a production build the condition becomes `false` and the hints, text included, are
 * dropped. A page loaded without a bundler has no `process`: reading it throws, and nothing is logged.
 */
export function warnDeveloper<E extends PyasConnectError>(
  error: E,
  url: string = globalThis.location?.href ?? '',
): E {
  try {
    if (process.env.NODE_ENV !== 'production') {
      const hint = hintFor(error, withoutQuery(url))
      if (hint) console.warn(`[@pyas/react] ${hint}`)
    }
  } catch {
    // No `process` (or no console): no hints.
  }
  return error
}

/** The proxy route a request URL ends with, and the mount before it. */
const ROUTE = /\/(?:[^/]+\/(oauth|connect|calendars)|(links))$/

function hintFor({ code, status, cause }: PyasConnectError, url: string): string | undefined {
  if (code === 'state_mismatch') {
    return (
      `state_mismatch on ${url}: this browser has no record of the connect that returned here. ` +
      'It was started in another browser, profile or origin, or its site storage was cleared; ' +
      'check that the Pyas redirect URL is on the same origin as the page that calls connect().'
    )
  }
  if (status === 404) return notFoundHint(url, cause)
  if (code === 'unauthorized') {
    return (
      `${url} answered 401: Pyas refused the server's API key. ` +
      'Check the key the proxy is configured with on your server (it never belongs in the browser).'
    )
  }
  if (status !== undefined && status >= 500) {
    return (
      `${url} answered ${status}: the proxy or Pyas failed. ` +
      "The server's log has the cause; the user was asked to try again later."
    )
  }
  return undefined
}

/**
 * A 404 is the integration's when the proxy answered it itself (`{error: "not_found"}`: a route it
 * does not serve) or something else did (the proxy is not mounted there). One Pyas answered
 * (`{success: false, …}`, passed through: an account Pyas does not know) is about the data, and a
 * proxy without connect links answers `POST /links` with 404 by design (`PyasOpenInBrowser` then
 * offers the page itself): neither gets a hint.
 */
function notFoundHint(url: string, body: unknown): string | undefined {
  const answer = isRecord(body) ? body : {}
  if (answer.success === false) return undefined
  const own = answer.error === 'not_found'
  const path = url.replace(/^\w+ /, '')
  const [route, routeName, links] = ROUTE.exec(path) ?? []
  if (own && links) return undefined
  if (own && routeName === 'calendars') {
    return (
      `${url} answered 404 from the proxy: its calendars route is off. ` +
      'Give the proxy authorizeAccount (in pyas-proxy, PYAS_AUTHORIZE_URL) to turn it on.'
    )
  }
  const mount = route ? path.slice(0, -route.length) : path
  return (
    `${url} answered 404: is the proxy mounted at ${mount}? ` +
    "Check PyasProvider's proxyUrl (default /api/pyas) and the path the server mounts the proxy on."
  )
}

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

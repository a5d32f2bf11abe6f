import type { PyasConnectError } from './PyasConnectError.js'

/**
 * Logs one `console.warn` for the developer when `error` points at the integration rather than at
 * the user: a 404 from the proxy (wrong `proxyUrl`, or the proxy not mounted), a 401 (the server's
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

function hintFor({ code, status }: PyasConnectError, url: string): string | undefined {
  if (code === 'state_mismatch') {
    return (
      `state_mismatch on ${url}: this browser has no record of the connect that returned here. ` +
      'It was started in another browser, profile or origin, or its site storage was cleared; ' +
      'check that the Pyas redirect URL is on the same origin as the page that calls connect().'
    )
  }
  if (status === 404) {
    return (
      `${url} answered 404: is the proxy mounted at ${url.replace(/^\w+ |\/[^/]+\/[^/]+$/g, '')}? ` +
      "Check PyasProvider's proxyUrl (default /api/pyas) and the path the server mounts the proxy on."
    )
  }
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

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

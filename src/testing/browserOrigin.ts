/** `host` or `host:port`: a name, an IPv4 address or a bracketed IPv6 address. */
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i

const firstValue = (value: string | null) => value?.split(',')[0]?.trim() || undefined

/**
 * The origin the browser used to reach this request: `Host` (with the request's scheme), or
 * `x-forwarded-host` / `x-forwarded-proto` when the fake is told to trust them, and the request
 * URL's own origin only when there is no `Host` at all (an in-memory `Request`). Frameworks such as
 * Next.js hand route handlers a `request.url` on `localhost:PORT` whatever host the browser used,
 * so the URL alone would send a browser on 127.0.0.1 to localhost, where its attempt does not exist.
 * `null` when a header is not a host (or not `http`/`https`): the caller answers 400.
 */
export function browserOrigin(request: Request, trustForwardedHeaders: boolean): string | null {
  const url = new URL(request.url)
  let protocol = url.protocol
  let host = request.headers.get('host')?.trim() || undefined
  if (trustForwardedHeaders) {
    host = firstValue(request.headers.get('x-forwarded-host')) ?? host
    const forwardedProto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase()
    if (forwardedProto !== undefined) {
      if (forwardedProto !== 'http' && forwardedProto !== 'https') return null
      protocol = `${forwardedProto}:`
    }
  }
  if (host === undefined) return url.origin
  if (!HOST.test(host)) return null
  try {
    return new URL(`${protocol}//${host}`).origin
  } catch {
    return null
  }
}

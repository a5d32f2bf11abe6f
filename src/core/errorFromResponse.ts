import { PyasConnectError, type PyasConnectErrorCode } from './PyasConnectError.js'

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

/** The codes decided by status alone, whatever the body (it may not even be JSON). */
const BY_STATUS: Record<number, PyasConnectErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  429: 'rate_limited',
}

/**
 * Maps a non-2xx proxy response to a {@link PyasConnectError}.
 * `body` is the parsed JSON, or `undefined` when the body was not JSON.
 */
export function errorFromResponse(
  status: number,
  headers: Pick<Headers, 'get'>,
  body: unknown,
): PyasConnectError {
  let fieldErrors: Record<string, string> | undefined
  let message: string | undefined
  if (status === 400 && isRecord(body) && Array.isArray(body.errors)) {
    // One message per field; the last (most specific) one wins.
    fieldErrors = {}
    for (const item of body.errors) {
      if (isRecord(item) && typeof item.param === 'string' && typeof item.msg === 'string') {
        fieldErrors[item.param] = item.msg
      }
    }
    const first = Object.values(fieldErrors)[0]
    if (first) message = first.charAt(0).toUpperCase() + first.slice(1)
  }
  const code =
    // A connect link that is expired, used or altered: the proxy says so in a 403's JSON body.
    status === 403 && isRecord(body) && body.error === 'link_invalid'
      ? 'link_invalid'
      : (BY_STATUS[status] ??
        (status !== 400 || body === undefined
          ? 'proxy_error'
          : !fieldErrors && isRecord(body) && body.error === 'invalid_grant'
            ? 'invalid_grant'
            : 'invalid_request'))
  return new PyasConnectError(code, {
    status,
    cause: body,
    fieldErrors,
    message,
    retryAfter: status === 429 ? parseRetryAfter(headers.get('retry-after')) : undefined,
  })
}

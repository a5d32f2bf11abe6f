import { PyasConnectError } from './PyasConnectError.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

/** Pyas's `errors[]` as one message per field; the last (most specific) message wins. */
function toFieldErrors(errors: unknown[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {}
  for (const item of errors) {
    if (isRecord(item) && typeof item.param === 'string' && typeof item.msg === 'string') {
      fieldErrors[item.param] = item.msg
    }
  }
  return fieldErrors
}

/**
 * Maps a non-2xx proxy response to a {@link PyasConnectError} (SPEC §4 "Errors").
 * `body` is the parsed JSON, or `undefined` when the body was not JSON.
 */
export function errorFromResponse(
  status: number,
  headers: Pick<Headers, 'get'>,
  body: unknown,
): PyasConnectError {
  const cause = body
  if (status === 401) return new PyasConnectError('unauthorized', { status, cause })
  if (status === 403) return new PyasConnectError('forbidden', { status, cause })
  if (status === 429) {
    const retryAfter = parseRetryAfter(headers.get('retry-after'))
    return new PyasConnectError('rate_limited', {
      status,
      cause,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    })
  }
  if (status === 400 && body !== undefined) {
    if (isRecord(body) && Array.isArray(body.errors)) {
      const fieldErrors = toFieldErrors(body.errors)
      const first = Object.values(fieldErrors)[0]
      return new PyasConnectError('invalid_request', {
        status,
        cause,
        fieldErrors,
        ...(first ? { message: capitalize(first) } : {}),
      })
    }
    if (isRecord(body) && body.error === 'invalid_grant') {
      return new PyasConnectError('invalid_grant', { status, cause })
    }
    return new PyasConnectError('invalid_request', { status, cause })
  }
  return new PyasConnectError('proxy_error', { status, cause })
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

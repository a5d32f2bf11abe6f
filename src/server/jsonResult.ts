import type { PyasValidationError } from '../core/types.js'
import type { ProxyResult } from './ProxyExchange.js'

/** A result the proxy built itself. */
export type JsonResult = Extract<ProxyResult, { kind: 'json' }>

/** A JSON result with optional extra headers; the writers add content type and `no-store`. */
export function jsonResult(
  status: number,
  body: string,
  headers?: Readonly<Record<string, string>>,
): JsonResult {
  return { kind: 'json', status, body, headers }
}

function errorResult(status: number, error: string): JsonResult {
  return jsonResult(status, JSON.stringify({ error }))
}

// Fixed answers are built once; results are immutable, so sharing them is safe.
export const NOT_FOUND = errorResult(404, 'not_found')
export const FORBIDDEN = errorResult(403, 'forbidden')
/** A connect link that is tampered, expired, for another provider or already used. */
export const LINK_INVALID = errorResult(403, 'link_invalid')
export const UNSUPPORTED_MEDIA_TYPE = errorResult(415, 'unsupported_media_type')
export const PAYLOAD_TOO_LARGE = errorResult(413, 'payload_too_large')
export const REQUEST_TIMEOUT = errorResult(408, 'request_timeout')
export const INTERNAL_ERROR = errorResult(500, 'internal_error')
export const BAD_GATEWAY = errorResult(502, 'bad_gateway')
export const UPSTREAM_UNREACHABLE = errorResult(502, 'upstream_unreachable')
export const UPSTREAM_TIMEOUT = errorResult(504, 'upstream_timeout')
export const UNAUTHORIZED = errorResult(401, 'unauthorized')
export const INVALID_WEBHOOK = errorResult(400, 'invalid_webhook')
export const IGNORED_EVENT = jsonResult(202, JSON.stringify({ ignored: 'unknown_event' }))
/** 204: no body, so no content type either. */
export const NO_CONTENT = jsonResult(204, '')

const METHOD_NOT_ALLOWED = JSON.stringify({ error: 'method_not_allowed' })
/** 405 with the `Allow` header listing `allow`. */
export function methodNotAllowed(allow: string): JsonResult {
  return jsonResult(405, METHOD_NOT_ALLOWED, { allow })
}
export const ONLY_GET = methodNotAllowed('GET')
export const ONLY_POST = methodNotAllowed('POST')

/** A 400 in Pyas's validation shape, so the browser maps it like an upstream one. */
export function validationResult(errors: PyasValidationError[]): JsonResult {
  return jsonResult(400, JSON.stringify({ errors }))
}

/** The headers every JSON answer carries (content-length is added by the Node writer). */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}
const EMPTY_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-store' }

/** The headers of a result: the JSON ones (only `no-store` for a 204) plus its own. */
export function resultHeaders(result: JsonResult): Readonly<Record<string, string>> {
  const base = result.status === 204 ? EMPTY_HEADERS : JSON_HEADERS
  return result.headers ? { ...base, ...result.headers } : base
}

/** A result as a Fetch `Response`; a `Response` from `authorize` is passed as is. */
export function toResponse(result: ProxyResult): Response {
  if (result.kind === 'response') return result.response
  const body = result.status === 204 ? null : result.body
  return new Response(body, { status: result.status, headers: resultHeaders(result) })
}

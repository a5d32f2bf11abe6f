import type { PyasAccount } from '../core/types.js'
import { BAD_GATEWAY, type JsonResult, jsonResult } from './jsonResult.js'
import { redactJson, redactText } from './redactSecret.js'
import { isPassedOnStatus, type UpstreamResponse } from './UpstreamTransport.js'

// The only upstream headers a client may see, and only on a 429.
const RATE_LIMIT_HEADERS = ['retry-after', 'x-ratelimit-reset', 'x-ratelimit-remaining'] as const

/**
 * Turns Pyas's answer into the proxy's: 2xx and 4xx JSON keep their status and body (with the API
 * key redacted) plus the rate-limit headers on a 429; anything else is a 502. `value` is the
 * parsed, redacted body (`undefined` on a 502).
 */
export function readUpstreamAnswer(
  upstream: UpstreamResponse,
  apiKey: string,
): { result: JsonResult; value: unknown } {
  const { status } = upstream
  if (!isPassedOnStatus(status)) return { result: BAD_GATEWAY, value: undefined }
  let parsed: unknown
  try {
    parsed = JSON.parse(upstream.body)
  } catch {
    return { result: BAD_GATEWAY, value: undefined }
  }
  const redacted = redactJson(upstream.body, parsed, apiKey)
  if (!redacted) return { result: BAD_GATEWAY, value: undefined }
  let headers: Record<string, string> | undefined
  if (status === 429) {
    headers = {}
    for (const name of RATE_LIMIT_HEADERS) {
      const header = upstream.header(name)
      if (header !== null) headers[name] = redactText(header, apiKey)
    }
  }
  return { result: jsonResult(status, redacted.text, headers), value: redacted.value }
}

/** The account of a successful connect answer (`data.account`), or `null`. */
export function connectedAccount(result: JsonResult, value: unknown): PyasAccount | null {
  if (result.status < 200 || result.status >= 300) return null
  const data = (value as { data?: unknown } | null)?.data
  const account =
    data !== null && typeof data === 'object' ? (data as { account?: unknown }).account : undefined
  return account !== null && typeof account === 'object' && !Array.isArray(account)
    ? (account as PyasAccount)
    : null
}

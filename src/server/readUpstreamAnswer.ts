import type { ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import { BAD_GATEWAY, type JsonResult, jsonResult } from './jsonResult.js'
import { redactJson, redactText } from './redact.js'
import { isPassedOnStatus, type UpstreamResponse } from './UpstreamTransport.js'

// The only upstream headers a client may see, and only on a 429.
const RATE_LIMIT_HEADERS = ['retry-after', 'x-ratelimit-reset', 'x-ratelimit-remaining'] as const

/** Pyas's documents nest a few levels; a deeper one is not Pyas and could exhaust the stack. */
const MAX_JSON_DEPTH = 64

/** Whether JSON text nests arrays and objects deeper than `limit`, in one pass and no recursion. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      // A backslash escapes the next character.
      if (char === 0x5c) i++
      else if (char === 0x22) inString = false
    } else if (char === 0x22) {
      inString = true
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true
    } else if (char === 0x5d || char === 0x7d) {
      depth--
    }
  }
  return false
}

/**
 * Turns Pyas's answer into the proxy's: 2xx and 4xx JSON keep their status and body (with the API
 * key redacted) plus the rate-limit headers on a 429; anything else, and JSON nested deeper than
 * 64 levels, is a 502. `value` is the parsed, redacted body (`undefined` on a 502).
 */
export function readUpstreamAnswer(
  upstream: UpstreamResponse,
  apiKey: string,
): { result: JsonResult; value: unknown } {
  const { status } = upstream
  if (!isPassedOnStatus(status) || nestsDeeperThan(upstream.body, MAX_JSON_DEPTH)) {
    return { result: BAD_GATEWAY, value: undefined }
  }
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
      if (header !== null) headers[name] = redactText(header, [apiKey])
    }
  }
  return { result: jsonResult(status, redacted.text, headers), value: redacted.value }
}

/**
 * The account of a successful connect answer (`data.account`), or `null` unless it is an object
 * whose `accountId` is a non-empty string and whose `provider` is the route's.
 */
export function connectedAccount(value: unknown, provider: ProviderId): PyasAccount | null {
  const data = (value as { data?: unknown } | null)?.data
  const account =
    data !== null && typeof data === 'object' ? (data as { account?: unknown }).account : undefined
  if (account === null || typeof account !== 'object' || Array.isArray(account)) return null
  const { accountId, provider: accountProvider } = account as Record<string, unknown>
  if (typeof accountId !== 'string' || accountId === '' || accountProvider !== provider) return null
  return account as PyasAccount
}

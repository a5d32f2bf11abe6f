import type { ProviderId } from '../core/providers.js'
import { isProvider } from './providerDetails.js'
import type { FakePyasRoute } from './routeRequest.js'

/** One request the fake received, as `fake.requests` lists it. Never holds the API key. */
export interface FakePyasRequest {
  /** HTTP method, e.g. `GET`. */
  method: string
  /** URL path, including the prefix the fake is mounted under. */
  path: string
  /** The provider of an API call or a consent page. */
  provider?: ProviderId
  /** Which endpoint answered; absent for a 404. */
  action?: 'oauth' | 'connect' | 'calendars' | 'consent' | 'decision'
  /** Query parameters (the last value of a repeated one). */
  query: Record<string, string>
  /** The parsed JSON body of `connect`, the form fields of a decision. */
  body?: unknown
  /** Request headers without `x-api-key`; any occurrence of a key reads `[redacted]`. */
  headers: Record<string, string>
  /** Whether a non-empty `x-api-key` header was sent. */
  hasApiKey: boolean
  /** Whether that key is accepted (the `apiKey` option, or any non-empty key without it). */
  apiKeyValid: boolean
}

function redactor(keys: Array<string | undefined>): (text: string) => string {
  // Very short keys would redact ordinary characters, so only plausible keys are scrubbed.
  const secrets = keys.filter((key): key is string => key !== undefined && key.length >= 4)
  return (text) => secrets.reduce((result, key) => result.split(key).join('[redacted]'), text)
}

/** Builds the log entry of a request and decides whether its API key is valid. */
export function describeRequest(
  request: Request,
  route: FakePyasRoute,
  body: unknown,
  apiKey: string | undefined,
): FakePyasRequest {
  const url = new URL(request.url)
  const sentKey = request.headers.get('x-api-key') ?? ''
  const redact = redactor([apiKey, sentKey])
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    if (name !== 'x-api-key') headers[name] = redact(value)
  })
  const query: Record<string, string> = {}
  url.searchParams.forEach((value, name) => {
    query[name] = redact(value)
  })
  const provider = 'provider' in route ? route.provider : query.provider
  return {
    method: request.method,
    path: url.pathname,
    ...(isProvider(provider) ? { provider } : {}),
    ...(route.kind === 'not_found' ? {} : { action: route.kind }),
    query,
    ...(body === undefined ? {} : { body: JSON.parse(redact(JSON.stringify(body))) }),
    headers,
    hasApiKey: sentKey !== '',
    apiKeyValid: sentKey !== '' && (apiKey === undefined || sentKey === apiKey),
  }
}

import { PROVIDERS, type ProviderId } from '../core/providers.js'
import { connectLinksSecret, type PyasConnectLinks } from './createConnectLinks.js'
import { createSafeLogger, type SafeLogger } from './createSafeLogger.js'
import type { PyasOriginPredicate, PyasProxyOptions } from './PyasProxyOptions.js'
import { createRedactor } from './redact.js'
import {
  describe,
  optionsError,
  parseHttpUrl,
  parseOrigin,
  positiveInteger,
  resolveLogger,
} from './validateOptions.js'

/** `PyasProxyOptions` after validation, with defaults filled in. */
export interface ResolvedProxyOptions {
  /** The key for one request; rejects (without the key in the message) when there is none. */
  readApiKey: () => string | Promise<string>
  /** Without a trailing slash. */
  baseUrl: string
  providers: ReadonlySet<string>
  /** `null` when no origin check is configured. Builds the `Request` only for a user predicate. */
  isAllowedOrigin: OriginCheck | null
  authorize: PyasProxyOptions['authorize']
  onConnected: PyasProxyOptions['onConnected']
  authorizeAccount: PyasProxyOptions['authorizeAccount']
  connectLinks: PyasConnectLinks | undefined
  timeoutMs: number
  maxBodyBytes: number
  fetch: typeof fetch | undefined
  /** The user's logger behind redaction of every key the proxy has read. */
  logger: SafeLogger
}

type OriginCheck = (origin: string, exchange: { request(): Request }) => boolean

const fail: (message: string) => never = optionsError('createPyasProxy')
const failType: (message: string) => never = optionsError('createPyasProxy', TypeError)

function resolveBaseUrl(value: unknown): string {
  if (value === undefined || value === '') return 'https://api.pyas.io'
  const url = parseHttpUrl(value)
  // The value is not echoed: a URL with credentials in it would put them in the message.
  if (typeof url === 'string') fail(`\`baseUrl\` ${url}`)
  if (url.search || url.hash) fail('`baseUrl` must not have a query or a hash')
  return url.href.replace(/\/+$/, '')
}

function resolveProviders(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set(PROVIDERS)
  if (!Array.isArray(value)) fail('`providers` must be an array such as ["google", "zoom"]')
  for (const provider of value) {
    if (!PROVIDERS.includes(provider as ProviderId)) {
      fail(`unknown provider ${describe(provider)} in \`providers\`; use ${PROVIDERS.join(', ')}`)
    }
  }
  return new Set(value as ProviderId[])
}

function resolveOrigins(value: unknown): OriginCheck | null {
  if (value === undefined) return null
  if (typeof value === 'function') {
    const predicate = value as PyasOriginPredicate
    // Fail closed: only a literal `true` lets the request through.
    return (origin, exchange) => predicate(origin, exchange.request()) === true
  }
  if (!Array.isArray(value)) {
    fail('`allowedOrigins` must be an array of origins or a function (origin, request) => boolean')
  }
  const origins = new Set<string>()
  for (const entry of value) {
    const origin = parseOrigin(entry)
    if (origin === null) {
      fail(
        `\`allowedOrigins\` entries must be origins like "https://app.example.com", got ${describe(entry)}`,
      )
    }
    origins.add(origin)
  }
  return (origin) => origins.has(origin)
}

function optionalFunction<T>(name: string, value: T): T {
  if (value !== undefined && typeof value !== 'function') {
    failType(`\`${name}\` must be a function, got ${typeof value}`)
  }
  return value
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

/** The last keys a function key returned: redacted from logs even after a rotation. */
const REMEMBERED_KEYS = 4

function resolveApiKey(value: unknown, keys: string[]): () => string | Promise<string> {
  if (typeof value === 'function') {
    const read = value as () => unknown
    return async () => {
      const key = await read()
      // Say what came back, never the value itself.
      if (!isKey(key)) fail(`the \`apiKey\` function returned no key (got ${typeof key})`)
      if (!keys.includes(key)) {
        keys.unshift(key)
        keys.length = Math.min(keys.length, REMEMBERED_KEYS)
      }
      return key
    }
  }
  if (!isKey(value)) {
    fail(
      '`apiKey` is required — pass your Pyas API key from the server environment, e.g. process.env.PYAS_API_KEY',
    )
  }
  keys.push(value)
  return () => value
}

/** The `connectLinks` option and its secret (for redaction): only a `createConnectLinks` result. */
function resolveConnectLinks(value: unknown): { links?: PyasConnectLinks; secret?: string } {
  if (value === undefined) return {}
  const secret = connectLinksSecret(value)
  if (secret === undefined) {
    failType(
      '`connectLinks` must be the result of createConnectLinks({ secret, url }) from @pyas/react/server',
    )
  }
  return { links: value as PyasConnectLinks, secret }
}

/** Validates `createPyasProxy` options once; throws an `Error` that says what to fix. */
export function resolveProxyOptions(options: PyasProxyOptions): ResolvedProxyOptions {
  if (options === null || typeof options !== 'object') {
    fail('pass an options object, e.g. createPyasProxy({ apiKey: process.env.PYAS_API_KEY })')
  }
  const keys: string[] = []
  const links = resolveConnectLinks(options.connectLinks)
  const { secret } = links
  // The keys are read at each call: a function key joins them when first read.
  const redact = createRedactor(() => (secret === undefined ? keys : [secret, ...keys]))
  return {
    readApiKey: resolveApiKey(options.apiKey, keys),
    baseUrl: resolveBaseUrl(options.baseUrl),
    providers: resolveProviders(options.providers),
    isAllowedOrigin: resolveOrigins(options.allowedOrigins),
    authorize: optionalFunction('authorize', options.authorize),
    onConnected: optionalFunction('onConnected', options.onConnected),
    authorizeAccount: optionalFunction('authorizeAccount', options.authorizeAccount),
    connectLinks: links.links,
    timeoutMs: positiveInteger(fail, 'timeoutMs', 'milliseconds', options.timeoutMs, 10_000),
    maxBodyBytes: positiveInteger(fail, 'maxBodyBytes', 'bytes', options.maxBodyBytes, 16_384),
    fetch: optionalFunction('fetch', options.fetch),
    logger: createSafeLogger(resolveLogger(fail, options.logger), redact),
  }
}

import { PROVIDERS, type ProviderId } from '../core/providers.js'
import type { PyasLogger, PyasOriginPredicate, PyasProxyOptions } from './PyasProxyOptions.js'

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
  timeoutMs: number
  maxBodyBytes: number
  fetch: typeof fetch | undefined
  logger: PyasLogger
}

type OriginCheck = (origin: string, exchange: { request(): Request }) => boolean

const NAME = 'createPyasProxy'

function fail(message: string): never {
  throw new Error(`${NAME}: ${message}`)
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

// setTimeout fires at once for delays above 2^31 - 1 ms, so that is the ceiling for both.
const MAX_INTEGER = 2 ** 31 - 1

function positiveInteger(name: string, unit: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_INTEGER) {
    fail(
      `\`${name}\` must be a whole number of ${unit} between 1 and ${MAX_INTEGER}, got ${describe(value)}`,
    )
  }
  return value
}

function resolveBaseUrl(value: unknown): string {
  if (value === undefined || value === '') return 'https://api.pyas.io'
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    fail(
      `\`baseUrl\` must be an absolute http(s) URL without query or hash, got ${describe(value)}`,
    )
  }
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
    const url = typeof entry === 'string' && URL.canParse(entry) ? new URL(entry) : null
    // An origin has no path, query or credentials; refusing them catches "https://app.com/" typos
    // that would otherwise never match the browser's `Origin` header.
    if (!url || url.origin === 'null' || url.href !== `${url.origin}/`) {
      fail(
        `\`allowedOrigins\` entries must be origins like "https://app.example.com", got ${describe(entry)}`,
      )
    }
    origins.add(url.origin)
  }
  return (origin) => origins.has(origin)
}

function optionalFunction<T>(name: string, value: T): T {
  if (value !== undefined && typeof value !== 'function') {
    fail(`\`${name}\` must be a function, got ${typeof value}`)
  }
  return value
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function resolveApiKey(value: unknown): () => string | Promise<string> {
  if (typeof value === 'function') {
    const read = value as () => unknown
    return async () => {
      const key = await read()
      // Say what came back, never the value itself.
      if (!isKey(key)) fail(`the \`apiKey\` function returned no key (got ${typeof key})`)
      return key
    }
  }
  if (!isKey(value)) {
    fail(
      '`apiKey` is required — pass your Pyas API key from the server environment, e.g. process.env.PYAS_API_KEY',
    )
  }
  return () => value
}

function resolveLogger(value: unknown): PyasLogger {
  if (value === undefined) return console
  const logger = value as Partial<PyasLogger> | null
  if (
    logger === null ||
    typeof logger !== 'object' ||
    typeof logger.error !== 'function' ||
    (logger.warn !== undefined && typeof logger.warn !== 'function')
  ) {
    fail('`logger` must be an object with an `error(message, details)` function, such as console')
  }
  return logger as PyasLogger
}

/** Validates `createPyasProxy` options once; throws an `Error` that says what to fix. */
export function resolveProxyOptions(options: PyasProxyOptions): ResolvedProxyOptions {
  if (options === null || typeof options !== 'object') {
    fail('pass an options object, e.g. createPyasProxy({ apiKey: process.env.PYAS_API_KEY })')
  }
  return {
    readApiKey: resolveApiKey(options.apiKey),
    baseUrl: resolveBaseUrl(options.baseUrl),
    providers: resolveProviders(options.providers),
    isAllowedOrigin: resolveOrigins(options.allowedOrigins),
    authorize: optionalFunction('authorize', options.authorize),
    onConnected: optionalFunction('onConnected', options.onConnected),
    timeoutMs: positiveInteger('timeoutMs', 'milliseconds', options.timeoutMs, 10_000),
    maxBodyBytes: positiveInteger('maxBodyBytes', 'bytes', options.maxBodyBytes, 16_384),
    fetch: optionalFunction('fetch', options.fetch),
    logger: resolveLogger(options.logger),
  }
}

import type { PyasLogger } from './PyasProxyOptions.js'

/**
 * The option rules shared by `createPyasProxy`, `createPyasWebhookHandler` and `pyas-proxy`'s
 * environment: one definition of each, so the library and the bin accept the same values.
 */

// setTimeout fires at once for delays above 2^31 - 1 ms, so that is the ceiling for every number.
export const MAX_INTEGER = 2 ** 31 - 1

/** Webhook and forward secrets: long enough that guessing one is hopeless. */
export const MIN_SECRET_LENGTH = 16

/**
 * A throw-with-context for one function's options: `name: message`, as an `Error` (a `TypeError`
 * for an option of the wrong type).
 */
export function optionsError(
  name: string,
  ErrorClass: new (message: string) => Error = Error,
): (message: string) => never {
  return (message) => {
    throw new ErrorClass(`${name}: ${message}`)
  }
}

/** A value as an error message may show it (strings quoted). */
export function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** Whether `value` is a whole number from 1 to `MAX_INTEGER`. */
export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_INTEGER
}

/** An optional positive whole-number option, or a throw through `fail` saying what was wrong. */
export function positiveInteger(
  fail: (message: string) => never,
  name: string,
  unit: string,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined) return fallback
  if (!isPositiveInteger(value)) {
    fail(
      `\`${name}\` must be a whole number of ${unit} between 1 and ${MAX_INTEGER}, got ${describe(value)}`,
    )
  }
  return value
}

/**
 * An absolute http(s) URL without credentials, or why not. Secrets belong in their own options:
 * a URL is logged, and `user:pass@` in it would be too.
 */
export function parseHttpUrl(value: unknown): URL | string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return 'must be an absolute http(s) URL'
  }
  if (url.username || url.password) {
    return 'must not carry credentials (user:pass@); put secrets in their own settings'
  }
  return url
}

/**
 * The origin `value` names (`scheme://host[:port]`), or `null`. A path, query or credentials make
 * it no origin: refusing them catches "https://app.com/" typos that would never match `Origin`.
 */
export function parseOrigin(value: unknown): string | null {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null
  return url && url.origin !== 'null' && url.href === `${url.origin}/` ? url.origin : null
}

/** The `logger` option: `console` when absent, else an object with `error` (and maybe `warn`). */
export function resolveLogger(fail: (message: string) => never, value: unknown): PyasLogger {
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

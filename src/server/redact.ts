/** What every secret is replaced with, in answers and in logs. */
export const REDACTED = '[redacted]'

/** Replaces every occurrence of each secret in `text`, also as it is spelled inside a JSON string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const needle of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED)
    }
  }
  return out
}

// scheme://[userinfo@]rest[?query][#fragment], up to whitespace or a quote.
const URL_IN_TEXT =
  /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#@"'<>]*@)?([^\s?#"'<>]*)(?:\?[^\s#"'<>]*)?(?:#[^\s"'<>]*)?/gi

// A connect link token: base64url claims, a dot, and a base64url HMAC-SHA256 (43 characters).
const LINK_TOKEN = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g

/**
 * Turns text into what may be logged: no secret, no connect link token, and every URL without
 * credentials or query.
 */
export type Redact = (text: string) => string

/**
 * A redactor for `secrets`, read at each call (so a rotated key joins them when first read). Link
 * tokens are found by their shape rather than listed: each request carries its own, and any of
 * them lets its holder connect an account as someone else.
 */
export function createRedactor(secrets: () => readonly string[]): Redact {
  return (text) =>
    redactText(text, secrets()).replace(LINK_TOKEN, REDACTED).replace(URL_IN_TEXT, '$1$2')
}

const MAX_DEPTH = 8

/**
 * A redacted copy of a logged detail: strings redacted; an `Error` copied with its message, stack,
 * code and cause redacted; arrays and objects copied with every string inside redacted.
 */
export function redactDetails(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value)
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value
  if (value instanceof Error) {
    const message = redact(value.message)
    const stack = value.stack === undefined ? undefined : redact(value.stack)
    const { code, cause } = value as { code?: unknown; cause?: unknown }
    const redactedCode = redactDetails(code, redact, depth + 1)
    const redactedCause = redactDetails(cause, redact, depth + 1)
    // Nothing to hide: the error itself, so a logger still sees its class and properties.
    if (
      message === value.message &&
      stack === value.stack &&
      redactedCode === code &&
      redactedCause === cause
    ) {
      return value
    }
    const copy = new Error(message)
    copy.name = value.name
    copy.stack = stack
    if (code !== undefined) Object.assign(copy, { code: redactedCode })
    if (cause !== undefined) copy.cause = redactedCause
    return copy
  }
  if (Array.isArray(value)) return value.map((item) => redactDetails(item, redact, depth + 1))
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    copy[redact(key)] = redactDetails(item, redact, depth + 1)
  }
  return copy
}

function redactValue(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return value.split(secret).join(REDACTED)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret))
  if (value !== null && typeof value === 'object') {
    // A null prototype keeps a `"__proto__"` key an own property instead of a prototype swap.
    const copy: Record<string, unknown> = Object.create(null)
    for (const [key, item] of Object.entries(value)) {
      copy[redactValue(key, secret) as string] = redactValue(item, secret)
    }
    return copy
  }
  return value
}

/**
 * Replaces every occurrence of `secret` in a parsed JSON document and its text. The text is
 * re-serialised from the redacted value whenever it could hide the secret: a JSON string may spell
 * it with escapes (`\u0061…`), so a plain text search is only trusted when there is no backslash.
 * Returns `null` when the secret survives anyway (say, spelled as a number): fail closed.
 */
export function redactJson(
  text: string,
  value: unknown,
  secret: string,
): { text: string; value: unknown } | null {
  if (!text.includes('\\') && !text.includes(secret)) return { text, value }
  const redacted = redactValue(value, secret)
  const redactedText = JSON.stringify(redacted)
  return redactedText.includes(secret) ? null : { text: redactedText, value: redacted }
}

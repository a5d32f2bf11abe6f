const REDACTED = '[redacted]'

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

/** Redacts a header value passed on from upstream. */
export function redactText(text: string, secret: string): string {
  return text.includes(secret) ? text.split(secret).join(REDACTED) : text
}

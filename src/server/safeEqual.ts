const encoder = new TextEncoder()

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/**
 * Compares two strings in constant time: both are hashed to 32 bytes first, so neither the
 * length nor the first differing byte of `given` shows in the timing; then every byte is compared
 * with no early exit (what `crypto.timingSafeEqual` does on Node, but with Web Crypto, which
 * every Fetch runtime has).
 */
export async function safeEqual(
  given: string,
  expected: string | Promise<Uint8Array>,
): Promise<boolean> {
  const [a, b] = await Promise.all([
    digest(given),
    typeof expected === 'string' ? digest(expected) : expected,
  ])
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number)
  return difference === 0
}

/** The digest `safeEqual` compares against, computed once for a fixed secret. */
export function secretDigest(secret: string): Promise<Uint8Array> {
  return digest(secret)
}

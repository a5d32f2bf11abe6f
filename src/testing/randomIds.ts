const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length))
}

/** A random RFC 4122 version 4 UUID (not `crypto.randomUUID`: it needs a secure context). */
export function randomUuid(): string {
  const bytes = randomBytes(16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A string of `length` random lowercase letters and digits. */
export function randomBase36(length: number): string {
  return Array.from(randomBytes(length), (byte) => BASE36[byte % 36]).join('')
}

/** An account id shaped like Pyas's: a UUID with a short suffix. */
export function randomAccountId(): string {
  return `${randomUuid()}-${randomBase36(6)}`
}

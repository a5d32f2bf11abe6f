import { isProviderId, type ProviderId } from '../core/providers.js'
import { parseHttpUrl } from './validateOptions.js'

/** What a connect link carries, signed. `exp` is in Unix seconds. */
export interface PyasConnectLinkClaims {
  /** The format's version. */
  v: 1
  /** 16 random bytes, base64url: the link's id, spent once by `consume`. */
  jti: string
  /** The app's user the connected account belongs to. */
  userId: string
  /** When set, the link connects only this provider. */
  provider?: ProviderId
  /** The connect's default email in the other browser. */
  email?: string
  /** The connect's default name in the other browser. */
  name?: string
  /** When the link expires, in Unix seconds. */
  exp: number
}

/** What a link is made for; `userId` is required, the rest become the connect's defaults. */
export interface PyasConnectLinkInput {
  /** The app's user the link connects for (1–200 characters). */
  userId: string
  /** Limits the link to one provider. */
  provider?: ProviderId
  /** The connect's default email. */
  email?: string
  /** The connect's default name. */
  name?: string
}

/** Options of {@link createConnectLinks}. */
export interface PyasConnectLinksOptions {
  /** The signing secret: at least 32 characters. Keep it with the API key, never in the browser. */
  secret: string
  /** The app page that mounts the library, where a link lands (absolute http(s) URL). */
  url: string
  /** How long a link stays valid. @defaultValue 3600 (one hour); at most 604800 (7 days) */
  ttlSeconds?: number
  /**
   * Spends a link: resolves `true` the first time a `jti` is seen, `false` after. The default keeps
   * spent ids in this process's memory until they expire, which is right for one process only:
   * several instances must share one store (e.g. a table with a unique `jti` column).
   */
  consume?: (jti: string, exp: number) => boolean | Promise<boolean>
}

/** What {@link createConnectLinks} returns: pass it to the proxy as `connectLinks`. */
export interface PyasConnectLinks {
  /** A link for `input.userId`: `url` with `pyas_link=<token>` added. */
  create(input: PyasConnectLinkInput): Promise<string>
  /** The claims of a well-signed, unexpired token; `null` for anything else. Never throws. */
  verify(token: unknown): PyasConnectLinkClaims | null
  /** The `consume` in force (the option, or the in-memory default). */
  consume(jti: string, exp: number): Promise<boolean>
}

const MAX_TTL_SECONDS = 7 * 24 * 60 * 60
const MAX_TOKEN_LENGTH = 4096
const nowSeconds = () => Math.floor(Date.now() / 1000)

/**
 * Creates and checks connect links: signed, expiring, single-use tokens that let a user connect as
 * themselves from another browser or device (the way out of an in-app browser, or a link sent by
 * email or by a support agent), without a session there.
 *
 * The token is `base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part))`, checked
 * in constant time. `verify` is synchronous, so the HMAC is computed here rather than with the
 * asynchronous Web Crypto API; it needs no Node built-in, so edge runtimes can run it.
 */
export function createConnectLinks(options: PyasConnectLinksOptions): PyasConnectLinks {
  const { secret, url, ttlSeconds = 3600 } = options ?? ({} as PyasConnectLinksOptions)
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new TypeError('createConnectLinks: `secret` must be a string of at least 32 characters.')
  }
  const landing = parseHttpUrl(url)
  if (typeof landing === 'string') throw new TypeError(`createConnectLinks: \`url\` ${landing}`)
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new TypeError(
      `createConnectLinks: \`ttlSeconds\` must be a whole number from 1 to ${MAX_TTL_SECONDS}.`,
    )
  }
  if (options.consume !== undefined && typeof options.consume !== 'function') {
    throw new TypeError('createConnectLinks: `consume` must be a function.')
  }
  const key = utf8(secret)
  const sign = (payload: string) => base64url(hmacSha256(key, utf8(payload)))
  const consume = options.consume ?? memoryConsume()

  const links: PyasConnectLinks = {
    async create(input) {
      const { userId, provider, email, name } = input ?? ({} as PyasConnectLinkInput)
      if (typeof userId !== 'string' || userId === '' || userId.length > 200) {
        throw new TypeError(
          'createConnectLinks.create: `userId` must be a string of 1-200 characters.',
        )
      }
      if (provider !== undefined && !isProviderId(provider)) {
        throw new TypeError(
          'createConnectLinks.create: `provider` must be "google", "microsoft" or "zoom".',
        )
      }
      for (const [field, value] of [
        ['email', email],
        ['name', name],
      ] as const) {
        if (value !== undefined && (typeof value !== 'string' || value.length > 320)) {
          throw new TypeError(`createConnectLinks.create: \`${field}\` must be a string.`)
        }
      }
      const claims: PyasConnectLinkClaims = {
        v: 1,
        jti: base64url(randomBytes(16)),
        userId,
        ...(provider === undefined ? {} : { provider }),
        ...(email === undefined ? {} : { email }),
        ...(name === undefined ? {} : { name }),
        exp: nowSeconds() + ttlSeconds,
      }
      const payload = base64url(utf8(JSON.stringify(claims)))
      const link = new URL(landing)
      link.searchParams.set('pyas_link', `${payload}.${sign(payload)}`)
      return link.toString()
    },

    verify(token) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null
      const parts = token.split('.')
      if (parts.length !== 2) return null
      const [payload, signature] = parts as [string, string]
      if (!constantTimeEqual(sign(payload), signature)) return null
      const claims = parseClaims(payload)
      return claims && claims.exp > nowSeconds() ? claims : null
    },

    async consume(jti, exp) {
      return (await consume(jti, exp)) === true
    },
  }
  secrets.set(links, secret)
  return links
}

// The secret of each `createConnectLinks` result, kept off the object so that nothing holding the
// links (or logging them) can read it; the proxy looks it up to redact it from its logs.
const secrets = new WeakMap<object, string>()

/** The signing secret of a `createConnectLinks` result; `undefined` for any other value. */
export function connectLinksSecret(links: unknown): string | undefined {
  return typeof links === 'object' && links !== null ? secrets.get(links) : undefined
}

/** The single-process default: spent ids kept until they expire (then no token can carry them). */
function memoryConsume(): (jti: string, exp: number) => boolean {
  const spent = new Map<string, number>()
  return (jti, exp) => {
    const now = nowSeconds()
    for (const [id, expires] of spent) if (expires <= now) spent.delete(id)
    if (spent.has(jti)) return false
    spent.set(jti, exp)
    return true
  }
}

function parseClaims(payload: string): PyasConnectLinkClaims | null {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(payload)))
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const claims = value as Record<string, unknown>
  const optionalString = (field: string) =>
    claims[field] === undefined || typeof claims[field] === 'string'
  if (
    claims.v !== 1 ||
    typeof claims.jti !== 'string' ||
    claims.jti === '' ||
    typeof claims.userId !== 'string' ||
    claims.userId === '' ||
    typeof claims.exp !== 'number' ||
    !Number.isFinite(claims.exp) ||
    (claims.provider !== undefined && !isProviderId(claims.provider)) ||
    !optionalString('email') ||
    !optionalString('name')
  ) {
    return null
  }
  return claims as unknown as PyasConnectLinkClaims
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++)
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1))
  return difference === 0
}

const utf8 = (text: string) => new TextEncoder().encode(text)

function randomBytes(count: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(count))
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

// SHA-256 (FIPS 180-4) and HMAC (RFC 2104), synchronous; checked against node:crypto in the tests.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

function sha256(message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(((message.length + 9 + 63) >> 6) << 6)
  padded.set(message)
  padded[message.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(message.length / 0x20000000))
  view.setUint32(padded.length - 4, (message.length << 3) >>> 0)
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ])
  const w = new Uint32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4)
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number
      const b = w[i - 2] as number
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[] as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (K[i] as number) +
          (w[i] as number)) >>>
        0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    const next = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (next[i] as number)) >>> 0
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] as number)
  return out
}

/** HMAC-SHA256 of `message` under `key` (internal; the tests check it against node:crypto). */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64)
  block.set(key.length > 64 ? sha256(key) : key)
  const inner = new Uint8Array(64 + message.length)
  const outer = new Uint8Array(64 + 32)
  for (let i = 0; i < 64; i++) {
    inner[i] = (block[i] as number) ^ 0x36
    outer[i] = (block[i] as number) ^ 0x5c
  }
  inner.set(message, 64)
  outer.set(sha256(inner), 64)
  return sha256(outer)
}

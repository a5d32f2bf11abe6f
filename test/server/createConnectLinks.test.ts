// @vitest-environment node
import { createHmac, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConnectLinks, hmacSha256 } from '../../src/server/createConnectLinks.js'

const SECRET = 'link-secret-0123456789abcdefghijklmnop'
const URL_ = 'https://app.example.com/settings/calendars?tab=connect'
const tokenOf = (link: string) => new URL(link).searchParams.get('pyas_link') as string
const b64 = (text: string) => Buffer.from(text).toString('base64url')
const signed = (claims: object, secret = SECRET) => {
  const payload = b64(JSON.stringify(claims))
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
}

afterEach(() => {
  vi.useRealTimers()
})

describe('hmacSha256', () => {
  it('should match node:crypto for keys and messages of every length around the block size', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      for (const messageLength of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
        const key = randomBytes(keyLength)
        const message = randomBytes(messageLength)
        const expected = createHmac('sha256', key).update(message).digest('hex')
        expect(Buffer.from(hmacSha256(key, message)).toString('hex')).toBe(expected)
      }
    }
  })
})

describe('createConnectLinks', () => {
  it('should refuse a short secret, a bad url, a bad ttl and a non-function consume', () => {
    expect(() => createConnectLinks({ secret: 'short', url: URL_ })).toThrow(/at least 32/)
    expect(() => createConnectLinks({ secret: SECRET, url: '/relative' })).toThrow(/absolute/)
    expect(() => createConnectLinks({ secret: SECRET, url: 'javascript:alert(1)' })).toThrow(
      /http\(s\)/,
    )
    expect(() =>
      createConnectLinks({ secret: SECRET, url: 'https://u:p@app.example.com/' }),
    ).toThrow(/credentials/)
    for (const ttlSeconds of [0, -1, 1.5, 604_801, Number.NaN]) {
      expect(() => createConnectLinks({ secret: SECRET, url: URL_, ttlSeconds })).toThrow(
        /ttlSeconds/,
      )
    }
    expect(() =>
      createConnectLinks({ secret: SECRET, url: URL_, consume: 'yes' as unknown as () => true }),
    ).toThrow(/consume/)
  })

  it('should make a link to the page, keeping its query, whose token verifies to the claims', async () => {
    const links = createConnectLinks({ secret: SECRET, url: URL_ })
    const link = await links.create({
      userId: 'user-1',
      provider: 'google',
      email: 'ada@example.com',
      name: 'Ada',
    })
    const parsed = new URL(link)
    expect(parsed.origin + parsed.pathname).toBe('https://app.example.com/settings/calendars')
    expect(parsed.searchParams.get('tab')).toBe('connect')
    const claims = links.verify(tokenOf(link))
    expect(claims).toMatchObject({
      v: 1,
      userId: 'user-1',
      provider: 'google',
      email: 'ada@example.com',
      name: 'Ada',
    })
    expect(claims?.jti).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(claims?.exp).toBeGreaterThan(Date.now() / 1000 + 3590)
    expect(claims?.exp).toBeLessThanOrEqual(Date.now() / 1000 + 3600)
    // The token is what the documented format says: the claims, then their HMAC under the secret.
    expect(tokenOf(link)).toBe(
      signed(
        JSON.parse(Buffer.from(tokenOf(link).split('.')[0] as string, 'base64url').toString()),
      ),
    )
  })

  it('should give each link its own jti', async () => {
    const links = createConnectLinks({ secret: SECRET, url: URL_ })
    const a = links.verify(tokenOf(await links.create({ userId: 'u' })))
    const b = links.verify(tokenOf(await links.create({ userId: 'u' })))
    expect(a?.jti).not.toBe(b?.jti)
    expect(a).not.toHaveProperty('provider')
  })

  it('should refuse to make a link without a userId or with a bad provider', async () => {
    const links = createConnectLinks({ secret: SECRET, url: URL_ })
    await expect(links.create({ userId: '' })).rejects.toThrow(/userId/)
    await expect(links.create({} as never)).rejects.toThrow(/userId/)
    await expect(links.create({ userId: 'u', provider: 'apple' as never })).rejects.toThrow(
      /provider/,
    )
    await expect(links.create({ userId: 'u', email: 42 as never })).rejects.toThrow(/email/)
  })

  it('should return null for a tampered, foreign, malformed or expired token', async () => {
    const links = createConnectLinks({ secret: SECRET, url: URL_, ttlSeconds: 60 })
    const token = tokenOf(await links.create({ userId: 'user-1', provider: 'google' }))
    const [payload, signature] = token.split('.') as [string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const forged = b64(JSON.stringify({ ...claims, userId: 'user-2' }))
    expect(links.verify(`${forged}.${signature}`)).toBeNull()
    // One character of the signature changed (to one it surely is not).
    const flipped = signature[10] === 'A' ? 'B' : 'A'
    expect(
      links.verify(`${payload}.${signature.slice(0, 10)}${flipped}${signature.slice(11)}`),
    ).toBeNull()
    expect(links.verify(signed(claims, 'another-secret-0123456789abcdefghij'))).toBeNull()
    for (const junk of [
      '',
      '.',
      'a.b.c',
      `${payload}`,
      `${payload}.`,
      '%%%.%%%',
      42,
      null,
      undefined,
      {},
      'x'.repeat(5000),
    ]) {
      expect(links.verify(junk)).toBeNull()
    }
    // Well signed but not well formed: each claim is checked.
    const now = Math.floor(Date.now() / 1000)
    for (const bad of [
      { ...claims, v: 2 },
      { ...claims, jti: '' },
      { ...claims, userId: '' },
      { ...claims, userId: 7 },
      { ...claims, exp: 'soon' },
      { ...claims, provider: 'apple' },
      { ...claims, email: ['x'] },
      [claims],
    ]) {
      expect(links.verify(signed(bad))).toBeNull()
    }
    expect(links.verify(signed({ ...claims, exp: now - 1 }))).toBeNull()
    expect(
      links.verify(
        `${b64('not json')}.${createHmac('sha256', SECRET).update(b64('not json')).digest('base64url')}`,
      ),
    ).toBeNull()

    vi.useFakeTimers({ now: Date.now() + 61_000 })
    expect(links.verify(token)).toBeNull()
  })

  it('should spend a link once with the default in-memory consume', async () => {
    const links = createConnectLinks({ secret: SECRET, url: URL_ })
    const claims = links.verify(tokenOf(await links.create({ userId: 'u' })))
    if (!claims) throw new Error('expected claims')
    expect(await links.consume(claims.jti, claims.exp)).toBe(true)
    expect(await links.consume(claims.jti, claims.exp)).toBe(false)
    expect(await links.consume('another', claims.exp)).toBe(true)
  })

  it('should use the given consume, async or not, and take only true as first use', async () => {
    const seen: Array<[string, number]> = []
    const links = createConnectLinks({
      secret: SECRET,
      url: URL_,
      consume: async (jti, exp) => {
        seen.push([jti, exp])
        return seen.length === 1 ? ('yes' as unknown as boolean) : true
      },
    })
    expect(await links.consume('a', 1)).toBe(false)
    expect(await links.consume('b', 2)).toBe(true)
    expect(seen).toEqual([
      ['a', 1],
      ['b', 2],
    ])
  })
})

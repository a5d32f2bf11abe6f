import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CALLBACK_PARAMS,
  cleanCallbackHref,
  cleanCallbackUrl,
  readCallback,
} from '../../src/core/callbackUrl.js'
import { safeReturnTo } from '../../src/core/safeReturnTo.js'
import { fakeBrowser, PROPERTY_SEED, STATE } from './fakes.js'

const search = (query: string) => ({ search: query })
const ORIGIN = 'https://app.example'

describe('readCallback', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    window.history.replaceState(null, '', '/')
  })

  it('should read a pyas_ state and a code', () => {
    expect(readCallback(search(`?code=4/abc&state=${STATE}`))).toEqual({
      state: STATE,
      code: '4/abc',
    })
  })

  it('should read an error with its description (and ignore a code next to it)', () => {
    const query = `?state=${STATE}&error=access_denied&error_description=The+user+said+no&code=x`
    expect(readCallback(search(query))).toEqual({
      state: STATE,
      error: 'access_denied',
      errorDescription: 'The user said no',
    })
  })

  it('should read an error without a description', () => {
    expect(readCallback(search(`?error=server_error&state=${STATE}`))).toEqual({
      state: STATE,
      error: 'server_error',
    })
  })

  it('should decode percent-encoded values', () => {
    expect(readCallback(search(`?state=${STATE}&code=a%2Fb%20c`))).toEqual({
      state: STATE,
      code: 'a/b c',
    })
  })

  it('should accept a search without the leading ?', () => {
    expect(readCallback(search(`code=c&state=${STATE}`))).toEqual({ state: STATE, code: 'c' })
  })

  it('should leave a foreign state alone', () => {
    expect(readCallback(search('?code=c&state=abc'))).toBeNull()
    expect(readCallback(search('?code=c&state=PYAS_abc'))).toBeNull()
    expect(readCallback(search('?error=access_denied&state=xpyas_abc'))).toBeNull()
  })

  it('should give null for a bare "pyas_" state or no state', () => {
    expect(readCallback(search('?code=c&state=pyas_'))).toBeNull()
    expect(readCallback(search('?code=c'))).toBeNull()
  })

  it('should give null when there is neither a code nor an error', () => {
    expect(readCallback(search(`?state=${STATE}`))).toBeNull()
    expect(readCallback(search(`?state=${STATE}&code=&error=`))).toBeNull()
    expect(readCallback(search(''))).toBeNull()
  })

  it('should read window.location by default', () => {
    window.history.replaceState(null, '', `/callback?code=c&state=${STATE}`)
    expect(readCallback()).toEqual({ state: STATE, code: 'c' })
  })

  it('should give null when there is no location (server rendering)', () => {
    vi.stubGlobal('location', undefined)
    expect(readCallback()).toBeNull()
  })

  it('should never throw and only read states that start with pyas_ (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.webQueryParameters().map((q) => `?${q}`),
          fc
            .tuple(fc.string(), fc.option(fc.string()), fc.option(fc.string()))
            .map(([state, code, error]) => {
              const params = new URLSearchParams({ state })
              if (code !== null) params.set('code', code)
              if (error !== null) params.set('error', error)
              return `?${params}`
            }),
        ),
        (query) => {
          const result = readCallback(search(query))
          const state = new URLSearchParams(query).get('state')
          if (!state?.startsWith('pyas_') || state === 'pyas_') {
            expect(result).toBeNull()
          }
          if (result) {
            expect(result.state).toBe(state)
            expect(Boolean(result.code) || Boolean(result.error)).toBe(true)
          }
        },
      ),
      { numRuns: 300, seed: PROPERTY_SEED },
    )
  })
})

describe('cleanCallbackHref', () => {
  it('should remove exactly the OAuth callback parameters', () => {
    expect([...CALLBACK_PARAMS].sort()).toEqual(
      [
        'code',
        'state',
        'scope',
        'authuser',
        'prompt',
        'hd',
        'session_state',
        'iss',
        'error',
        'error_description',
        'error_uri',
      ].sort(),
    )
    const all = CALLBACK_PARAMS.map((name) => `${name}=v`).join('&')
    expect(cleanCallbackHref(`${ORIGIN}/callback?${all}`)).toBe(`${ORIGIN}/callback`)
  })

  it('should keep the path, every other parameter (repeated and encoded) and the hash', () => {
    const href =
      `${ORIGIN}/settings/calendars?tab=sync&code=c&tag=a&state=${STATE}&tag=b` +
      '&q=a%26b%3Dc&sp=x%20y&scope=openid+email&next=%2Fhome&iss=https%3A%2F%2Fissuer#section-2'
    const cleaned = cleanCallbackHref(href)
    const url = new URL(cleaned, ORIGIN)
    expect(url.origin).toBe(ORIGIN)
    expect(url.pathname).toBe('/settings/calendars')
    expect(url.hash).toBe('#section-2')
    expect([...url.searchParams]).toEqual([
      ['tab', 'sync'],
      ['tag', 'a'],
      ['tag', 'b'],
      ['q', 'a&b=c'],
      ['sp', 'x y'],
      ['next', '/home'],
    ])
  })

  it('should leave no trailing ? when only callback parameters were present', () => {
    expect(cleanCallbackHref(`${ORIGIN}/?code=c&state=${STATE}#top`)).toBe(`${ORIGIN}/#top`)
  })

  it('should keep parameters whose names only look like callback ones', () => {
    const cleaned = cleanCallbackHref(`${ORIGIN}/?Code=1&codes=2&my_state=3&code=4`)
    expect([...new URL(cleaned, ORIGIN).searchParams]).toEqual([
      ['Code', '1'],
      ['codes', '2'],
      ['my_state', '3'],
    ])
  })

  it('should keep a hash that itself contains code= and state=', () => {
    const cleaned = cleanCallbackHref(`${ORIGIN}/p?code=c#code=x&state=y`)
    expect(cleaned).toBe(`${ORIGIN}/p#code=x&state=y`)
  })

  it('should return a URL on the same origin even when the path starts with //', () => {
    // A relative `//host/...` is protocol-relative: history.replaceState would throw for it.
    const href = `${ORIGIN}//evil.example/cb?code=c&state=${STATE}&keep=1`
    const cleaned = cleanCallbackHref(href)
    const url = new URL(cleaned, href)
    expect(url.origin).toBe(ORIGIN)
    expect(url.pathname).toBe('//evil.example/cb')
    expect(url.search).toBe('?keep=1')
  })

  it('should never throw for valid URLs and never leave a callback parameter (property)', () => {
    const name = fc.oneof(fc.constantFrom(...CALLBACK_PARAMS), fc.string({ maxLength: 8 }))
    fc.assert(
      fc.property(
        // Paths starting with `//` are covered by the test above; keep this one about the params.
        fc
          .webUrl({ withQueryParameters: true, withFragments: true })
          .filter((href) => !new URL(href).pathname.startsWith('//')),
        fc.array(fc.tuple(name, fc.string()), { maxLength: 12 }),
        (base, extra) => {
          const url = new URL(base)
          for (const [key, value] of extra) url.searchParams.append(key, value)
          const kept = [...url.searchParams].filter(
            ([key]) => !(CALLBACK_PARAMS as readonly string[]).includes(key),
          )
          const cleaned = cleanCallbackHref(url.href)
          const result = new URL(cleaned, url.href)
          for (const param of CALLBACK_PARAMS) expect(result.searchParams.has(param)).toBe(false)
          expect([...result.searchParams]).toEqual(kept)
          expect(result.hash).toBe(url.hash)
          expect(result.pathname).toBe(url.pathname)
        },
      ),
      { numRuns: 300, seed: PROPERTY_SEED },
    )
  })
})

describe('cleanCallbackUrl', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/')
  })

  it('should replace the URL with the cleaned one, keeping history.state', () => {
    const { location, history } = fakeBrowser(`${ORIGIN}/cb?keep=1&code=c&state=${STATE}&scope=x#h`)
    cleanCallbackUrl(location, history)
    expect(history.replaceState).toHaveBeenCalledTimes(1)
    expect(history.replaceState).toHaveBeenCalledWith({ app: 'kept' }, '', `${ORIGIN}/cb?keep=1#h`)
    expect(location.href).toBe(`${ORIGIN}/cb?keep=1#h`)
  })

  it('should use window.location and window.history by default', () => {
    window.history.replaceState({ router: 1 }, '', `/cb?code=c&state=${STATE}&keep=yes#frag`)
    const length = window.history.length
    cleanCallbackUrl()
    expect(window.location.pathname).toBe('/cb')
    expect(window.location.search).toBe('?keep=yes')
    expect(window.location.hash).toBe('#frag')
    expect(window.history.state).toEqual({ router: 1 })
    expect(window.history.length).toBe(length)
  })
})

describe('safeReturnTo', () => {
  it('should accept same-origin paths', () => {
    expect(safeReturnTo('/')).toBe('/')
    expect(safeReturnTo('/settings?x=1#h')).toBe('/settings?x=1#h')
    expect(safeReturnTo('/a/b/../c')).toBe('/a/b/../c')
    // An encoded newline is just text in the path; it cannot change the origin.
    expect(safeReturnTo('/%0a')).toBe('/%0a')
  })

  it('should reject other origins, schemes and relative paths', () => {
    for (const value of [
      'https://evil.com',
      'http://evil.com/',
      '//evil.com',
      '///evil.com',
      '/\\evil.com',
      '/\\/evil.com',
      'javascript:alert(1)',
      ' /settings',
      'evil',
      'settings/x',
      '?x=1',
      '#h',
      '',
    ]) {
      expect(safeReturnTo(value), JSON.stringify(value)).toBeUndefined()
    }
  })

  it('should reject control characters that browsers strip or treat as separators', () => {
    for (const value of ['/\t/evil.com', '/\n/evil.com', '/\r\n/evil.com', '/\u0000', '/x\u007f']) {
      expect(safeReturnTo(value), JSON.stringify(value)).toBeUndefined()
    }
  })

  it('should reject values that are not strings', () => {
    for (const value of [undefined, null, 1, {}, ['/'], new URL(`${ORIGIN}/x`)]) {
      expect(safeReturnTo(value)).toBeUndefined()
    }
  })

  it('should never return something that resolves to another origin (property)', () => {
    const piece = fc.constantFrom(
      '/',
      '\\',
      '.',
      '..',
      ':',
      '@',
      '%2F',
      '%5C',
      '%0a',
      '\t',
      '\n',
      ' ',
      '\u00a0',
      '\u3002',
      'evil.com',
      'javascript:',
      'https:',
      '//',
      '?',
      '#',
    )
    const crafted = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(
        fc.oneof(crafted, fc.string({ unit: 'binary' }), fc.webUrl(), fc.webPath()),
        (value) => {
          const result = safeReturnTo(value)
          if (result === undefined) return
          expect(result).toBe(value)
          expect(new URL(result, 'https://a.example').origin).toBe('https://a.example')
          expect(new URL(result, 'http://b.example:8080').origin).toBe('http://b.example:8080')
        },
      ),
      { numRuns: 1000, seed: PROPERTY_SEED },
    )
  })
})

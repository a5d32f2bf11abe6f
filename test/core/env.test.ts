import { afterEach, describe, expect, it, vi } from 'vitest'
import { canUseDOM, getDefaultStorage, randomBase64Url } from '../../src/core/env.js'
import { fakeCrypto } from './fakes.js'

describe('canUseDOM', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('should be true in a browser (jsdom)', () => {
    expect(canUseDOM()).toBe(true)
  })

  it('should be false without window, as during server rendering', () => {
    vi.stubGlobal('window', undefined)
    expect(canUseDOM()).toBe(false)
  })
})

describe('getDefaultStorage', () => {
  it('should return window.localStorage', () => {
    expect(getDefaultStorage()).toBe(window.localStorage)
  })
})

describe('randomBase64Url', () => {
  it('should base64url-encode exactly the requested number of random bytes', () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)
    for (const length of [0, 1, 2, 3, 9, 32, 64]) {
      const { crypto, requested } = fakeCrypto(bytes)
      const value = randomBase64Url(length, crypto)
      expect(requested).toHaveLength(1)
      expect(requested[0]).toHaveLength(length)
      expect(value).toBe(Buffer.from(bytes.subarray(0, length)).toString('base64url'))
      expect(value).toHaveLength(Math.ceil((length * 4) / 3))
      expect(value).not.toMatch(/[+/=]/)
    }
  })

  it('should use globalThis.crypto by default', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues')
    try {
      expect(randomBase64Url(12)).toMatch(/^[A-Za-z0-9_-]{16}$/)
      expect(spy).toHaveBeenCalledTimes(1)
    } finally {
      spy.mockRestore()
    }
  })
})

describe('isFramed', () => {
  it('should be false at top level and true in a frame', async () => {
    const { isFramed } = await import('../../src/core/env.js')
    const self = {} as Window
    expect(isFramed({ top: self, self } as Window)).toBe(false)
    expect(isFramed({ top: {} as Window, self } as Window)).toBe(true)
  })

  it('should be true when reading window.top throws', async () => {
    const { isFramed } = await import('../../src/core/env.js')
    const framed = {
      self: {} as Window,
      get top(): Window {
        throw new DOMException('Blocked a frame', 'SecurityError')
      },
    }
    expect(isFramed(framed as Window)).toBe(true)
  })
})

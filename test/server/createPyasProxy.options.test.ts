// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import {
  createPyasProxy,
  type PyasApiKey,
  type PyasLogger,
  type PyasProxyOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { API_KEY } from './helpers.js'

function create(options: Record<string, unknown>) {
  return () => createPyasProxy({ apiKey: API_KEY, ...options } as PyasProxyOptions)
}

describe('createPyasProxy options', () => {
  it('should return a named async Fetch handler', () => {
    const pyas = createPyasProxy({ apiKey: API_KEY })
    expect(pyas.name).toBe('pyasProxy')
    expect(pyas.constructor.name).toBe('AsyncFunction')
  })

  it('should throw a clear error at creation when apiKey is missing or empty', () => {
    const message =
      'createPyasProxy: `apiKey` is required — pass your Pyas API key from the server environment, e.g. process.env.PYAS_API_KEY'
    for (const apiKey of [undefined, '', '   ', 42, null]) {
      expect(create({ apiKey })).toThrow(message)
    }
    expect(() => createPyasProxy(undefined as never)).toThrow(
      /createPyasProxy: pass an options object/,
    )
  })

  it('should accept an apiKey function without calling it at creation', () => {
    const apiKey = vi.fn(() => API_KEY)
    const rotating: PyasApiKey = apiKey
    expect(create({ apiKey: rotating })).not.toThrow()
    expect(create({ apiKey: async () => undefined })).not.toThrow()
    expect(apiKey).not.toHaveBeenCalled()
  })

  it('should throw for an unknown or malformed provider list', () => {
    expect(create({ providers: ['google', 'yahoo'] })).toThrow(
      'createPyasProxy: unknown provider "yahoo" in `providers`; use google, microsoft, zoom',
    )
    expect(create({ providers: 'google' })).toThrow(/`providers` must be an array/)
  })

  it('should throw for a bad timeoutMs or maxBodyBytes', () => {
    for (const value of [0, -1, 1.5, '100', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(create({ timeoutMs: value })).toThrow(
        /`timeoutMs` must be a whole number of milliseconds/,
      )
      expect(create({ maxBodyBytes: value })).toThrow(
        /`maxBodyBytes` must be a whole number of bytes/,
      )
    }
  })

  it('should throw for a baseUrl that is not an absolute http(s) URL', () => {
    for (const baseUrl of ['api.pyas.io', 'ftp://api.pyas.io', 'https://api.pyas.io/?x=1', 42]) {
      expect(create({ baseUrl })).toThrow(/`baseUrl` must (be an absolute http|not have a query)/)
    }
    // Credentials belong in their own settings, never in a URL that may be logged.
    expect(create({ baseUrl: 'https://user:pw@api.pyas.io' })).toThrow(
      /`baseUrl` must not carry credentials/,
    )
    expect(create({ baseUrl: 'http://127.0.0.1:4000/pyas/' })).not.toThrow()
    // An empty value, as from a `PYAS_BASE_URL=` line, means the default.
    expect(create({ baseUrl: '' })).not.toThrow()
  })

  it('should throw for a logger without an error function or with a non-function warn', () => {
    for (const logger of [null, 'console', {}, { error: 'x' }, { error() {}, warn: 1 }]) {
      expect(create({ logger })).toThrow(
        'createPyasProxy: `logger` must be an object with an `error(message, details)` function, such as console',
      )
    }
    const logger: PyasLogger = { error() {} }
    expect(create({ logger })).not.toThrow()
    expect(create({ logger: console })).not.toThrow()
  })

  it('should throw for allowedOrigins that are not origins or a function', () => {
    for (const entry of [
      'app.example',
      'https://app.example/path',
      'null',
      'https://u@app.example',
      1,
    ]) {
      expect(create({ allowedOrigins: [entry] })).toThrow(
        /`allowedOrigins` entries must be origins/,
      )
    }
    expect(create({ allowedOrigins: 'https://app.example' })).toThrow(
      /`allowedOrigins` must be an array of origins or a function/,
    )
    expect(
      create({ allowedOrigins: ['https://app.example/', 'http://localhost:5173'] }),
    ).not.toThrow()
  })

  it('should throw when a hook or fetch is not a function', () => {
    for (const name of ['authorize', 'onConnected', 'fetch']) {
      expect(create({ [name]: 'nope' })).toThrow(
        `createPyasProxy: \`${name}\` must be a function, got string`,
      )
    }
  })
})

describe('toNodeHandler', () => {
  it('should throw a clear error when not given a handler', () => {
    expect(() => toNodeHandler(undefined as never)).toThrow(
      'toNodeHandler: pass the handler returned by createPyasProxy(options) or createPyasWebhookHandler(options)',
    )
  })
})

// @vitest-environment node
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectedAccount } from '../../src/core/account.js'
import { warnDeveloper } from '../../src/core/developerHints.js'
import { en } from '../../src/core/messages.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'
import { createProxyClient, createProxyRequest } from '../../src/core/proxyClient.js'
import { messages as ar } from '../../src/locales/ar.js'
import { messages as de } from '../../src/locales/de.js'
import { messages as es } from '../../src/locales/es.js'
import { messages as fr } from '../../src/locales/fr.js'
import { messages as ja } from '../../src/locales/ja.js'
import { messages as ptBR } from '../../src/locales/pt-BR.js'

const PROXY = 'http://localhost:3000/api/pyas'

/** A proxy client whose every request is answered with `status` and a JSON body. */
const clientAnswering = (status: number, body: unknown = { error: 'x' }) =>
  createProxyClient({
    proxyUrl: PROXY,
    fetch: async () => Response.json(body, { status }),
  })

const oauth = (status: number) =>
  clientAnswering(status).getOAuthUrl('google', { email: 'ada@example.com', state: 'pyas_s' })

const warnings = () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  return () => warn.mock.calls.map((call) => String(call[0]))
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('developer hints (development)', () => {
  it('should log one warning with the URL tried and the proxyUrl fix for a 404', async () => {
    const logged = warnings()
    const error = await oauth(404).then(
      () => undefined,
      (e: PyasConnectError) => e,
    )
    expect(error?.code).toBe('proxy_error')
    expect(logged()).toHaveLength(1)
    expect(logged()[0]).toContain(`GET ${PROXY}/google/oauth answered 404`)
    expect(logged()[0]).toContain(`is the proxy mounted at ${PROXY}?`)
    expect(logged()[0]).toContain('proxyUrl')
    // Neither the email nor the state of the query is logged.
    expect(logged()[0]).not.toMatch(/ada@|pyas_s/)
  })

  describe('a 404', () => {
    /** The hints logged for one request answered 404 with `body` (`undefined`: not JSON). */
    const hintsFor404 = async (
      send: (request: ReturnType<typeof createProxyRequest>) => Promise<unknown>,
      body: unknown,
    ) => {
      const logged = warnings()
      const request = createProxyRequest({
        proxyUrl: PROXY,
        fetch: async () =>
          body === undefined
            ? new Response('<h1>Not Found</h1>', { status: 404 })
            : Response.json(body, { status: 404 }),
      })
      await expect(send(request)).rejects.toMatchObject({ code: 'proxy_error', status: 404 })
      return logged()
    }
    const calendars = (request: ReturnType<typeof createProxyRequest>) =>
      request('/google/calendars?accountId=acc-1', { method: 'GET' }, () => [])
    const links = (request: ReturnType<typeof createProxyRequest>) =>
      request('/links', { method: 'POST', body: '{}' }, () => 'url')
    const PYAS_NOT_FOUND = {
      success: false,
      error: 'Invalid account id. Account Not Found',
      code: 404,
    }

    it("should say nothing of the mount for Pyas's Account Not Found, passed through the calendars route", async () => {
      expect(await hintsFor404(calendars, PYAS_NOT_FOUND)).toEqual([])
    })

    it("should point at authorizeAccount for the proxy's own 404 on the calendars route", async () => {
      const logged = await hintsFor404(calendars, { error: 'not_found' })
      expect(logged).toHaveLength(1)
      expect(logged[0]).toContain(`GET ${PROXY}/google/calendars answered 404 from the proxy`)
      expect(logged[0]).toContain('authorizeAccount')
      expect(logged[0]).toContain('PYAS_AUTHORIZE_URL')
      expect(logged[0]).not.toContain('acc-1')
    })

    it('should ask whether the proxy is mounted when something else answered the calendars route', async () => {
      const logged = await hintsFor404(calendars, undefined)
      expect(logged).toEqual([expect.stringContaining(`is the proxy mounted at ${PROXY}?`)])
    })

    it('should stay quiet for POST /links on a proxy without connect links', async () => {
      expect(await hintsFor404(links, { error: 'not_found' })).toEqual([])
    })

    it('should give the whole mount for /links when the proxy is not mounted there', async () => {
      const logged = await hintsFor404(links, undefined)
      expect(logged).toEqual([
        expect.stringContaining(
          `POST ${PROXY}/links answered 404: is the proxy mounted at ${PROXY}?`,
        ),
      ])
    })
  })

  it("should point at the server's API key for a 401, never in error.message", async () => {
    const logged = warnings()
    const error = await clientAnswering(401)
      .connect('google', { code: 'secret-code', name: 'Ada' }, connectedAccount('google'))
      .then(
        () => undefined,
        (e: PyasConnectError) => e,
      )
    expect(error?.code).toBe('unauthorized')
    expect(logged()).toEqual([expect.stringContaining(`POST ${PROXY}/google/connect answered 401`)])
    expect(logged()[0]).toMatch(/API key/)
    expect(logged()[0]).not.toContain('secret-code')
    expect(error?.message).not.toMatch(/key|API/i)
  })

  it.each([500, 502, 503])('should log one warning for a %i', async (status) => {
    const logged = warnings()
    await oauth(status).catch(() => {})
    expect(logged()).toEqual([expect.stringContaining(`answered ${status}`)])
  })

  it.each([400, 403, 429])(
    'should log nothing for a %i, which is about the user',
    async (status) => {
      const logged = warnings()
      await oauth(status).catch(() => {})
      expect(logged()).toEqual([])
    },
  )

  it('should log nothing for a network failure or a success', async () => {
    const logged = warnings()
    await createProxyClient({ fetch: () => Promise.reject(new TypeError('offline')) })
      .getOAuthUrl('zoom', { state: 's' })
      .catch(() => {})
    await clientAnswering(200, { url: 'https://zoom.us/oauth' }).getOAuthUrl('zoom', { state: 's' })
    expect(logged()).toEqual([])
  })

  it('should explain a state_mismatch with the page URL, query left out', () => {
    const logged = warnings()
    const error = new PyasConnectError('state_mismatch')
    expect(warnDeveloper(error, 'https://app.example/calendar?code=c&state=pyas_x#h')).toBe(error)
    expect(logged()).toHaveLength(1)
    expect(logged()[0]).toContain('state_mismatch on https://app.example/calendar:')
    expect(logged()[0]).toContain('redirect URL')
    expect(logged()[0]).not.toMatch(/code=|pyas_x/)
  })
})

describe('developer hints (production)', () => {
  it('should log nothing when NODE_ENV is production', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const logged = warnings()
    for (const status of [401, 404, 500]) await oauth(status).catch(() => {})
    warnDeveloper(new PyasConnectError('state_mismatch'), 'https://app.example/')
    expect(logged()).toEqual([])
  })

  /** The hints module as a customer's bundler builds it, with `process.env.NODE_ENV` replaced. */
  const bundle = async (nodeEnv?: string) => {
    const result = await build({
      entryPoints: ['src/core/proxyClient.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'lib',
      platform: 'browser',
      minify: true,
      logLevel: 'error',
      define: nodeEnv ? { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) } : {},
    })
    return result.outputFiles![0]!.text
  }

  it('should be dropped, text and all, from a production bundle', async () => {
    expect(await bundle('development')).toContain('is the proxy mounted at')
    const production = await bundle('production')
    expect(production).not.toContain('is the proxy mounted at')
    expect(production).not.toContain('API key')
    expect(production).not.toContain('console.warn')
  })

  it('should log nothing and not throw on a page without process (no bundler)', async () => {
    const code = await bundle()
    const warn = vi.fn()
    const context = { console: { warn }, Response, URL, URLSearchParams }
    runInNewContext(code, context)
    const { createProxyClient: create } = (
      context as unknown as { lib: typeof import('../../src/core/proxyClient.js') }
    ).lib
    const error = await create({
      proxyUrl: PROXY,
      fetch: async () => Response.json({}, { status: 404 }),
    })
      .getOAuthUrl('zoom', { state: 's' })
      .catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'proxy_error' })
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('end-user messages', () => {
  it('should never mention an API key, in any language', () => {
    const words = /\bAPI\b|\bkeys?\b|schlüssel|\bclé|\bclaves?\b|\bchaves?\b|キー|مفتاح/i
    for (const table of [en, de, fr, es, ptBR, ja, ar]) {
      for (const [key, text] of Object.entries(table)) {
        expect(`${key}: ${text}`).not.toMatch(words)
      }
    }
  })
})

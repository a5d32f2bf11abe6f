// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPyasProxy } from '../../src/server/index.js'
import { expectJson } from './expectJson.js'
import {
  ACCOUNT,
  API_KEY,
  connectRequest,
  fakeUpstream,
  MODES,
  OAUTH_PATH,
  proxyHarness,
  proxyRequest,
} from './helpers.js'

const connected = () => Response.json({ success: true, data: { account: ACCOUNT } })

afterEach(() => {
  vi.restoreAllMocks()
})

describe.each(MODES)('createPyasProxy operations (%s)', (mode) => {
  const harness = proxyHarness(mode)

  describe('apiKey as a function', () => {
    it('should read the key for every request, so a rotated key is used at once', async () => {
      for (const rotate of [(n: number) => `key_${n}`, async (n: number) => `key_${n}`]) {
        let n = 0
        const { fetch, calls } = fakeUpstream()
        const pyas = harness.proxy({ apiKey: () => rotate(++n), fetch })
        expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(200)
        expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(200)
        expect(calls.map((call) => call.headers['x-api-key'])).toEqual(['key_1', 'key_2'])
      }
    })

    it('should not read the key for a request refused before the upstream call', async () => {
      const apiKey = vi.fn(() => API_KEY)
      const pyas = harness.proxy({ apiKey, fetch: fakeUpstream().fetch })
      expect((await pyas(proxyRequest('/yahoo/oauth'))).status).toBe(404)
      expect((await pyas(connectRequest('google', 'not json'))).status).toBe(400)
      expect(apiKey).not.toHaveBeenCalled()
    })

    it('should redact the key of this request from what Pyas answers', async () => {
      let n = 0
      const { fetch } = fakeUpstream((call) =>
        Response.json({ error: `bad key ${call.headers['x-api-key']}` }, { status: 401 }),
      )
      const pyas = harness.proxy({ apiKey: () => `rotating_key_${++n}`, fetch })
      expect(await expectJson(await pyas(proxyRequest(OAUTH_PATH)), 401)).toEqual({
        error: 'bad key [redacted]',
      })
    })

    it('should answer 500 with nothing leaked when the function throws or yields no key', async () => {
      const logger = { error: vi.fn() }
      const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {})
      const failing = [
        () => {
          throw new Error('vault unreachable: token pyas_live_partial_123')
        },
        async () => {
          throw new Error('vault unreachable')
        },
        () => '',
        async () => '  ',
        () => undefined as unknown as string,
      ]
      for (const apiKey of failing) {
        const { fetch, calls } = fakeUpstream()
        const response = await harness.proxy({ apiKey, fetch, logger })(connectRequest('google'))
        expect(response.headers.get('content-type')).toBe('application/json')
        expect(await response.text()).toBe('{"error":"internal_error"}')
        expect(response.status).toBe(500)
        expect(calls).toHaveLength(0)
      }
      expect(logger.error).toHaveBeenCalledTimes(failing.length)
      const messages = logger.error.mock.calls.map((call) => String(call[1]))
      expect(messages.slice(2)).toEqual([
        'Error: createPyasProxy: the `apiKey` function returned no key (got string)',
        'Error: createPyasProxy: the `apiKey` function returned no key (got string)',
        'Error: createPyasProxy: the `apiKey` function returned no key (got undefined)',
      ])
      expect(console).not.toHaveBeenCalled()
    })
  })

  describe('logger', () => {
    it('should receive what used to go to console.error, and console nothing', async () => {
      const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {})
      const logger = { error: vi.fn(), warn: vi.fn() }
      const failure = new Error('db down')
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream(connected).fetch,
        logger,
        onConnected: () => {
          throw failure
        },
      })
      expect(await expectJson(await pyas(connectRequest('google')), 500)).toEqual({
        error: 'internal_error',
      })
      expect(logger.error).toHaveBeenCalledExactlyOnceWith(
        '[@pyas/react/server] request failed with an internal error',
        failure,
      )
      expect(JSON.stringify(logger.error.mock.calls)).not.toContain(API_KEY)
      expect(console).not.toHaveBeenCalled()
    })

    it('should still answer 500 when the logger itself throws', async () => {
      const logger = {
        error: vi.fn(() => {
          throw new Error('log sink full')
        }),
      }
      const pyas = harness.proxy({
        apiKey: () => {
          throw new Error('vault down')
        },
        fetch: fakeUpstream().fetch,
        logger,
      })
      expect(await expectJson(await pyas(proxyRequest(OAUTH_PATH)), 500)).toEqual({
        error: 'internal_error',
      })
      expect(logger.error).toHaveBeenCalledOnce()
    })

    it('should default to console.error', async () => {
      const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {})
      const pyas = harness.proxy({
        apiKey: API_KEY,
        fetch: fakeUpstream().fetch,
        authorize: () => {
          throw new Error('session store down')
        },
      })
      expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(500)
      expect(console).toHaveBeenCalledOnce()
    })
  })
})

describe('createPyasProxy baseUrl', () => {
  it('should treat an empty baseUrl as absent and call https://api.pyas.io', async () => {
    const { fetch, calls } = fakeUpstream()
    const pyas = createPyasProxy({ apiKey: API_KEY, baseUrl: '', fetch })
    expect((await pyas(proxyRequest(OAUTH_PATH))).status).toBe(200)
    expect(calls[0]?.url).toBe(`https://api.pyas.io${OAUTH_PATH}`)
  })
})

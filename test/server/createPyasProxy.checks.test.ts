// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { expectJson } from './expectJson.js'
import {
  API_KEY,
  connectRequest,
  fakeUpstream,
  MODES,
  ORIGIN,
  proxyHarness,
  proxyRequest,
} from './helpers.js'

describe.each(MODES)('createPyasProxy (%s)', (mode) => {
  const harness = proxyHarness(mode)

  describe('routing and the order of checks', () => {
    it('should answer 404 for an unknown path, action or provider', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      for (const path of ['/google', '/google/other', '/yahoo/oauth', '/oauth', '/google/oauth/']) {
        expect(await expectJson(await pyas(proxyRequest(path)), 404)).toEqual({
          error: 'not_found',
        })
      }
      expect(calls).toHaveLength(0)
    })

    it('should answer 404 for a provider left out of `providers`', async () => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        providers: ['google'],
        fetch: fakeUpstream().fetch,
      })
      const response = await pyas(proxyRequest('/zoom/oauth?state=pyas_x'))
      expect(await expectJson(response, 404)).toEqual({ error: 'not_found' })
    })

    it('should ignore the mount prefix', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      await expectJson(await pyas(new Request(`${ORIGIN}/a/b/c/zoom/oauth`)), 200)
      await expectJson(await pyas(new Request(`${ORIGIN}/zoom/oauth`)), 200)
      expect(calls.map((call) => call.url)).toEqual([
        'https://api.pyas.io/zoom/oauth',
        'https://api.pyas.io/zoom/oauth',
      ])
    })

    it('should answer 405 with Allow for the wrong method', async () => {
      const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch })
      const post = await pyas(connectRequest('google').clone())
      expect(post.status).toBe(200)
      const wrong = [
        [proxyRequest('/google/oauth', { method: 'POST', body: '{}' }), 'GET'],
        [proxyRequest('/google/oauth', { method: 'HEAD' }), 'GET'],
        [proxyRequest('/google/oauth', { method: 'OPTIONS' }), 'GET'],
        [proxyRequest('/google/connect'), 'POST'],
        [proxyRequest('/zoom/connect', { method: 'PUT', body: '{}' }), 'POST'],
      ] as const
      for (const [request, allow] of wrong) {
        const response = await pyas(request)
        expect(response.status).toBe(405)
        expect(response.headers.get('allow')).toBe(allow)
        expect(response.headers.get('cache-control')).toBe('no-store')
        if (request.method !== 'HEAD') {
          expect(await expectJson(response, 405)).toEqual({ error: 'method_not_allowed' })
        }
      }
    })

    it('should answer 404 (route first) to a wrong method on an unknown path', async () => {
      const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch })
      const response = await pyas(proxyRequest('/yahoo/connect'))
      expect(await expectJson(response, 404)).toEqual({ error: 'not_found' })
    })

    it('should answer 405 (method before origin) to a foreign-origin wrong method', async () => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: [ORIGIN],
        fetch: fakeUpstream().fetch,
      })
      const response = await pyas(
        proxyRequest('/google/connect', { headers: { origin: 'https://evil.example' } }),
      )
      expect(response.status).toBe(405)
    })

    it('should answer 403 (origin before content type) to a foreign-origin POST of text', async () => {
      const authorize = vi.fn(() => true)
      const pyas = harness.proxy({
        apiKey: API_KEY,
        allowedOrigins: [ORIGIN],
        authorize,
        fetch: fakeUpstream().fetch,
      })
      const request = connectRequest('google', 'x', {
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      })
      expect(await expectJson(await pyas(request), 403)).toEqual({ error: 'forbidden' })
      expect(authorize).not.toHaveBeenCalled()
    })

    it('should answer 403 (authorize before content type and size)', async () => {
      const pyas = harness.proxy({
        apiKey: API_KEY,
        authorize: () => false,
        maxBodyBytes: 10,
        fetch: fakeUpstream().fetch,
      })
      const request = connectRequest('google', 'x'.repeat(100), { 'content-type': 'text/plain' })
      expect(await expectJson(await pyas(request), 403)).toEqual({ error: 'forbidden' })
    })

    it('should answer 415 (content type before size) to an oversized text body', async () => {
      const pyas = harness.proxy({ apiKey: API_KEY, maxBodyBytes: 10, fetch: fakeUpstream().fetch })
      const request = connectRequest('google', 'x'.repeat(100), { 'content-type': 'text/plain' })
      expect(await expectJson(await pyas(request), 415)).toEqual({
        error: 'unsupported_media_type',
      })
    })

    it('should answer 413 (size before body) to an oversized invalid body', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, maxBodyBytes: 10, fetch })
      const response = await pyas(connectRequest('google', 'x'.repeat(100)))
      expect(await expectJson(response, 413)).toEqual({ error: 'payload_too_large' })
      expect(calls).toHaveLength(0)
    })

    it('should accept a body of exactly maxBodyBytes', async () => {
      const body = JSON.stringify({ code: 'c', name: 'n' })
      const pyas = harness.proxy({
        apiKey: API_KEY,
        maxBodyBytes: body.length,
        fetch: fakeUpstream().fetch,
      })
      expect((await pyas(connectRequest('google', body))).status).toBe(200)
    })

    it.runIf(mode === 'fetch handler')(
      'should stop reading a streamed body just past maxBodyBytes and cancel it',
      async () => {
        let pulled = 0
        let cancelled = false
        const endless = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++
            controller.enqueue(new Uint8Array(1024).fill(32))
          },
          cancel() {
            cancelled = true
          },
        })
        const { fetch, calls } = fakeUpstream()
        const pyas = harness.proxy({ apiKey: API_KEY, maxBodyBytes: 4096, fetch })
        const request = proxyRequest('/google/connect', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: endless,
          duplex: 'half',
        } as RequestInit)
        expect(await expectJson(await pyas(request), 413)).toEqual({ error: 'payload_too_large' })
        expect(pulled).toBeLessThanOrEqual(6)
        await vi.waitFor(() => expect(cancelled).toBe(true))
        expect(calls).toHaveLength(0)
      },
    )

    it.runIf(mode === 'fetch handler')(
      'should answer 413 from content-length without reading the body',
      async () => {
        let pulled = 0
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++
            controller.enqueue(new Uint8Array(10))
          },
        })
        const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch })
        const request = proxyRequest('/google/connect', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '20000' },
          body,
          duplex: 'half',
        } as RequestInit)
        expect(request.headers.get('content-length')).toBe('20000')
        expect((await pyas(request)).status).toBe(413)
        expect(pulled).toBeLessThanOrEqual(1)
      },
    )
  })

  describe('content type and body', () => {
    it('should accept application/json with a UTF-8 charset and refuse other types with 415', async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      const ok = [
        'application/json',
        'Application/JSON; charset=UTF-8',
        'application/json;charset="utf-8"',
      ]
      for (const type of ok) {
        expect(
          (await pyas(connectRequest('google', undefined, { 'content-type': type }))).status,
        ).toBe(200)
      }
      const refused = [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/jsonx',
      ]
      for (const type of refused) {
        const response = await pyas(connectRequest('google', undefined, { 'content-type': type }))
        expect(await expectJson(response, 415)).toEqual({ error: 'unsupported_media_type' })
      }
      const gzip = connectRequest('google', undefined, { 'content-encoding': 'gzip' })
      expect((await pyas(gzip)).status).toBe(415)
      const untyped = proxyRequest('/google/connect', { method: 'POST', body: new Blob(['{}']) })
      expect((await pyas(untyped)).status).toBe(415)
      expect(calls).toHaveLength(ok.length)
    })

    it("should answer 400 in Pyas's shape for a body that is not a JSON object", async () => {
      const { fetch, calls } = fakeUpstream()
      const pyas = harness.proxy({ apiKey: API_KEY, fetch })
      for (const body of ['{"code":', 'null', '[1]', '"code"', '', '\uFFFF{']) {
        const json = await expectJson(await pyas(connectRequest('google', body)), 400)
        expect(json).toEqual({
          errors: [{ msg: expect.any(String), param: 'body', location: 'body' }],
        })
      }
      expect(calls).toHaveLength(0)
    })

    it('should answer 400 naming each of code and name that is not a string', async () => {
      const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch })
      const both = await expectJson(await pyas(connectRequest('google', { code: 1 })), 400)
      expect(both).toEqual({
        errors: [
          { msg: '`code` is required and must be a string.', param: 'code', location: 'body' },
          { msg: '`name` is required and must be a string.', param: 'name', location: 'body' },
        ],
      })
      const name = await expectJson(
        await pyas(connectRequest('zoom', { code: 'c', name: null })),
        400,
      )
      expect(name).toEqual({ errors: [expect.objectContaining({ param: 'name' })] })
    })
  })
})

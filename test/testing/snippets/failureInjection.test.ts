// @vitest-environment node
import { expect, it } from 'vitest'
import { createPyasProxy } from '../../../src/server/index.js'
import { createFakePyas } from '../../../src/testing/index.js'

it('should answer each queued failure once, through the proxy', async () => {
  const fake = createFakePyas({ redirectUrl: 'https://app.example/settings' })
  const proxy = createPyasProxy({ apiKey: fake.apiKey, fetch: fake.fetch, timeoutMs: 100 })
  const oauth = () => proxy(new Request('https://app.example/api/pyas/zoom/oauth?state=pyas_t'))
  const connect = () =>
    proxy(
      new Request('https://app.example/api/pyas/zoom/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: fake.issueCode('zoom'), name: 'Ada Lovelace' }),
      }),
    )

  fake.failNext('rate_limited', { retryAfter: 10 }) // 429 with Retry-After and X-RateLimit-*
  const limited = await oauth()
  expect(limited.status).toBe(429)
  expect(limited.headers.get('retry-after')).toBe('10')

  fake.failNext('server_error') // Pyas answers 500: the proxy answers 502
  expect((await oauth()).status).toBe(502)

  fake.failNext('unauthorized') // 401, as with a revoked key
  expect((await oauth()).status).toBe(401)

  fake.failNext('slow', { ms: 20_000 }) // hangs past the proxy's timeout: 504
  expect((await oauth()).status).toBe(504)

  fake.failNext('invalid_grant', { on: 'connect' }) // only the next connect: the oauth call passes
  expect((await oauth()).status).toBe(200)
  expect((await connect()).status).toBe(400)

  fake.grantScopes('zoom', ['user:read']) // the user unticked the meeting scope
  const narrow = await connect()
  expect((await narrow.json()).data.account.scopes).toEqual(['user:read'])
  fake.grantScopes('zoom', null) // back to the full set

  expect(() => fake.failNext('token' as never)).toThrow(TypeError) // a typo fails at once
})

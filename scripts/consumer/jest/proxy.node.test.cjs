/**
 * @jest-environment node
 */
// Jest 30, CommonJS, Node environment: the server entry and the test kit through `require`, one
// connect through createPyasProxy with the fake Pyas as its upstream. msw ≥ 2.13 cannot be loaded
// by Jest without a transform on Node 20, so this also proves the test kit's CommonJS build only
// requires msw when pyasHandlers() is called.
const { createPyasProxy } = require('@pyas/react/server')
const { createFakePyas } = require('@pyas/react/testing')

test('the proxy connects an account against the fake Pyas', async () => {
  const fake = createFakePyas({ redirectUrl: 'http://app.test/settings' })
  const proxy = createPyasProxy({ apiKey: fake.apiKey, fetch: fake.fetch })
  const state = 'pyas_jest000000000000000000000000000000000000'
  const oauth = await proxy(
    new Request(`http://app.test/api/pyas/google/oauth?email=ada%40example.com&state=${state}`),
  )
  expect(oauth.status).toBe(200)
  const { url } = await oauth.json()
  const back = new URL(await fake.decide(url, 'allow'))
  expect(back.searchParams.get('state')).toBe(state)
  const connect = await proxy(
    new Request('http://app.test/api/pyas/google/connect', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: back.searchParams.get('code'), name: 'Ada Lovelace' }),
    }),
  )
  expect(connect.status).toBe(200)
  expect((await connect.json()).data.account.email).toBe('ada@example.com')
  expect(fake.accounts()).toHaveLength(1)
})

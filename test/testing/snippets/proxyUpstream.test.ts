// @vitest-environment node
import { expect, it } from 'vitest'
import { createPyasProxy } from '../../../src/server/index.js'
import { createFakePyas } from '../../../src/testing/index.js'

it('saves the connected account', async () => {
  const fake = createFakePyas({ redirectUrl: 'https://app.example/settings', apiKey: 'test-key' })
  const saved: string[] = []
  const proxy = createPyasProxy({
    apiKey: 'test-key',
    fetch: fake.fetch, // the proxy's upstream is the fake
    onConnected: (account) => {
      saved.push(account.accountId)
    },
  })

  const code = fake.issueCode('zoom')
  const response = await proxy(
    new Request('https://app.example/api/pyas/zoom/connect', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Ada Lovelace' }),
    }),
  )

  expect(response.status).toBe(200)
  expect(saved).toEqual([fake.accounts()[0]?.accountId])
  expect(fake.requests.at(-1)).toMatchObject({ action: 'connect', apiKeyValid: true })
})

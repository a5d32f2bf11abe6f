import { expect, it } from 'vitest'
import { createFakePyas } from '../../../src/testing/index.js'

it('keeps the saved account in step with Pyas', async () => {
  // Your webhook route (here a plain Fetch handler) and the status it keeps per account.
  const statuses = new Map<string, string>()
  const webhookRoute = async (request: Request) => {
    const accountId = request.headers.get('x-pyas-account-id')!
    const event = request.headers.get('x-pyas-webhook-event')
    if (event === 'account.connected') statuses.set(accountId, 'active')
    if (event === 'account.inactive') statuses.set(accountId, 'inactive')
    if (event === 'account.deleted') statuses.delete(accountId)
    return new Response(null, { status: 204 })
  }
  const fake = createFakePyas({
    redirectUrl: 'https://app.example/settings',
    webhookUrl: 'https://app.example/api/webhooks/pyas?token=test-webhook-secret',
    webhookFetch: (input, init) => webhookRoute(new Request(input, init)),
  })
  const connect = async () => {
    const code = fake.issueCode('google', { email: 'ada@example.com' })
    const response = await fake.fetch('https://api.pyas.io/google/connect', {
      method: 'POST',
      headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Ada Lovelace' }),
    })
    return (await response.json()).data.account
  }

  const { accountId } = await connect() // account.connected is answered before connect returns
  expect(statuses.get(accountId)).toBe('active')

  await fake.setAccountStatus(accountId, 'inactive') // the user revoked access
  expect(statuses.get(accountId)).toBe('inactive')

  const again = await connect() // reconnecting the same email: the same account, active again
  expect(again).toMatchObject({ accountId, status: 'active' })
  expect(statuses.get(accountId)).toBe('active')

  await fake.deleteAccount(accountId)
  expect(statuses.has(accountId)).toBe(false)
  expect(fake.accounts()).toEqual([])
})

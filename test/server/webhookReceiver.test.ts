// @vitest-environment node
// webhooks.test.ts — your webhook route against the fake Pyas, in memory.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakePyas } from '../../src/testing/index.js'
import { db } from './snippets/app.js' // your database

const SECRET = 'whsec_test_0123456789'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('the Pyas webhook route', () => {
  it('should mark an account inactive, the same way when Pyas delivers the event twice', async () => {
    vi.stubEnv('PYAS_WEBHOOK_SECRET', SECRET) // before the route module reads it
    const { POST: webhooks } = await import('./snippets/nextWebhookRoute.js') // your route.ts
    const delivered: Request[] = []
    const fake = createFakePyas({
      redirectUrl: 'http://localhost:3000/settings/calendars',
      webhookUrl: `http://localhost:3000/api/webhooks/pyas?token=${SECRET}`,
      // Deliver to the route in memory, keeping a copy of each delivery to send it again.
      webhookFetch: (input, init) => {
        const request = new Request(input, init)
        delivered.push(request.clone())
        return webhooks(request)
      },
    })
    const code = fake.issueCode('google', { email: 'ada@example.com' })
    const connected = await fake.fetch('https://api.pyas.io/google/connect', {
      method: 'POST',
      headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Ada' }),
    })
    const { data } = (await connected.json()) as { data: { account: { accountId: string } } }
    const setStatus = vi.spyOn(db, 'setAccountStatus')

    // The user revokes access at Google: Pyas sends account.inactive.
    const delivery = await fake.setAccountStatus(data.account.accountId, 'inactive')
    expect(delivery).toMatchObject({ event: 'account.inactive', status: 204 })
    expect(setStatus).toHaveBeenLastCalledWith(data.account.accountId, 'inactive')

    // Pyas retries a delivery: the receiver writes the same state again, it never toggles.
    expect((await webhooks(delivered.at(-1)!)).status).toBe(204)
    expect(setStatus.mock.calls).toEqual([
      [data.account.accountId, 'inactive'],
      [data.account.accountId, 'inactive'],
    ])
  })
})

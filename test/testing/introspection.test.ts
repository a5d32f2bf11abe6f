// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { REQUIRED_SCOPES } from '../../src/core/providers.js'
import { createFakePyas } from '../../src/testing/index.js'
import { API_KEY, BASE_URL, codeFromConsent, get, post } from './helpers.js'

function createFake() {
  return createFakePyas({ redirectUrl: 'https://app.example/', apiKey: API_KEY })
}

async function connectedScopes(fake: ReturnType<typeof createFake>, provider: 'google' | 'zoom') {
  const code = fake.issueCode(provider)
  const response = await post(fake, `/${provider}/connect`, { code, name: 'J' })
  return (await response.json()).data.account.scopes as string[]
}

describe('createFakePyas', () => {
  it('should grant fewer scopes after grantScopes and the default again after null', async () => {
    const fake = createFake()
    fake.grantScopes('google', ['openid', 'https://www.googleapis.com/auth/userinfo.email'])
    const partial = await connectedScopes(fake, 'google')
    expect(partial).toEqual(['openid', 'https://www.googleapis.com/auth/userinfo.email'])
    expect(partial).not.toContain(REQUIRED_SCOPES.google[0])
    fake.grantScopes('google', null)
    expect(await connectedScopes(fake, 'google')).toContain(REQUIRED_SCOPES.google[0])
  })

  it('should take the scopes from the scopes option', async () => {
    const fake = createFakePyas({ redirectUrl: '/', scopes: { zoom: ['user:read'] } })
    fake.grantScopes('zoom', ['meeting:write'])
    fake.reset()
    expect(await connectedScopes(fake, 'zoom')).toEqual(['user:read'])
  })

  it('should issue codes without the consent page, with a default email per provider', async () => {
    const fake = createFake()
    const zoom = fake.issueCode('zoom')
    const google = fake.issueCode('google', { email: 'jane@example.com', state: 'pyas_1' })
    expect(zoom).not.toBe(google)
    const zoomAccount = await (await post(fake, '/zoom/connect', { code: zoom, name: 'Z' })).json()
    expect(zoomAccount.data.account.email).toBe('zoom.user@example.com')
    const googleAccount = await (
      await post(fake, '/google/connect', { code: google, name: 'G' })
    ).json()
    expect(googleAccount.data.account.email).toBe('jane@example.com')
  })

  it('should log requests with flags for the key but never the key itself', async () => {
    const fake = createFake()
    await fake.handle(
      new Request(`${BASE_URL}/google/oauth?email=jane@example.com&state=s`, {
        headers: { 'x-api-key': API_KEY, authorization: `Bearer ${API_KEY}` },
      }),
    )
    await get(fake, '/zoom/oauth', 'wrong_key_value')
    const code = await codeFromConsent(fake)
    await post(fake, '/google/connect', { code, name: 'Jane' })
    await get(fake, '/nowhere', null)

    expect(JSON.stringify(fake.requests)).not.toContain(API_KEY)
    expect(JSON.stringify(fake.requests)).not.toContain('wrong_key_value')
    expect(fake.requests[0]).toEqual({
      method: 'GET',
      path: '/google/oauth',
      provider: 'google',
      action: 'oauth',
      query: { email: 'jane@example.com', state: 's' },
      headers: { authorization: 'Bearer [redacted]' },
      hasApiKey: true,
      apiKeyValid: true,
    })
    expect(fake.requests[1]).toMatchObject({
      provider: 'zoom',
      hasApiKey: true,
      apiKeyValid: false,
    })
    expect(fake.requests.map((request) => request.action)).toEqual([
      'oauth',
      'oauth',
      'oauth',
      'decision',
      'connect',
      undefined,
    ])
    expect(fake.requests[4]).toMatchObject({
      method: 'POST',
      body: { code, name: 'Jane' },
      headers: { 'content-type': 'application/json' },
    })
    expect(fake.requests[5]).toMatchObject({
      path: '/nowhere',
      hasApiKey: false,
      apiKeyValid: false,
    })
  })

  it('should list accounts as a copy the caller cannot change the fake through', async () => {
    const fake = createFake()
    await post(fake, '/zoom/connect', { code: fake.issueCode('zoom'), name: 'Z' })
    const listed = fake.accounts()
    listed[0]!.status = 'inactive'
    listed[0]!.scopes.push('admin')
    listed.pop()
    expect(fake.accounts()).toEqual([
      expect.objectContaining({ status: 'active', scopes: ['meeting:write', 'user:read'] }),
    ])
    expect(fake.accounts()).not.toBe(fake.accounts())
  })

  it('should list connected accounts and forget everything on reset', async () => {
    const fake = createFake()
    const code = await codeFromConsent(fake, 'jane@example.com')
    const unused = fake.issueCode('zoom')
    await post(fake, '/google/connect', { code, name: 'Jane' })
    fake.failNext('server_error')
    expect(fake.accounts()).toEqual([expect.objectContaining({ email: 'jane@example.com' })])

    fake.reset()
    expect(fake.accounts()).toEqual([])
    expect(fake.requests).toEqual([])
    expect((await get(fake, '/zoom/oauth')).status).toBe(200)
    const stale = await post(fake, '/zoom/connect', { code: unused, name: 'Z' })
    expect(await stale.json()).toMatchObject({ error: 'invalid_grant' })
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { missingScopes } from '../../src/core/account.js'
import { PROVIDERS, type ProviderId, REQUIRED_SCOPES } from '../../src/core/providers.js'

const GOOGLE_EVENTS = 'https://www.googleapis.com/auth/calendar.events'

describe('REQUIRED_SCOPES', () => {
  it('should list the calendar scope each provider must grant', () => {
    expect(REQUIRED_SCOPES).toEqual({
      google: [GOOGLE_EVENTS],
      microsoft: ['Calendars.ReadWrite'],
      zoom: ['meeting:write'],
    })
    expect(PROVIDERS).toEqual(['google', 'microsoft', 'zoom'])
  })
})

describe('missingScopes', () => {
  it.each([
    ['google', ['openid', 'email', GOOGLE_EVENTS]],
    ['microsoft', ['openid', 'offline_access', 'Calendars.ReadWrite', 'User.Read']],
    ['zoom', ['user:read', 'meeting:write']],
  ] as const)('should be empty when %s granted everything', (provider, granted) => {
    expect(missingScopes(provider, granted)).toEqual([])
  })

  it.each([
    ['google', ['openid', 'https://www.googleapis.com/auth/calendar.readonly'], [GOOGLE_EVENTS]],
    ['microsoft', ['Calendars.Read'], ['Calendars.ReadWrite']],
    ['zoom', ['meeting:read'], ['meeting:write']],
  ] as const)('should list what a partial %s grant lacks', (provider, granted, missing) => {
    expect(missingScopes(provider, granted)).toEqual(missing)
  })

  it.each(PROVIDERS)('should list every required scope when %s granted none', (provider) => {
    expect(missingScopes(provider, [])).toEqual(REQUIRED_SCOPES[provider])
    expect(missingScopes(provider)).toEqual(REQUIRED_SCOPES[provider])
  })

  it('should read space-separated scope strings', () => {
    expect(missingScopes('google', [`openid email ${GOOGLE_EVENTS}`])).toEqual([])
    expect(missingScopes('microsoft', ['openid  Calendars.ReadWrite\tUser.Read'])).toEqual([])
    expect(missingScopes('zoom', [' meeting:write '])).toEqual([])
    expect(missingScopes('zoom', ['meeting:read user:read'])).toEqual(['meeting:write'])
  })

  it('should compare scopes exactly', () => {
    expect(missingScopes('zoom', ['meeting:write:admin'])).toEqual(['meeting:write'])
    expect(missingScopes('google', [`${GOOGLE_EVENTS}.readonly`])).toEqual([GOOGLE_EVENTS])
  })

  it('should return a fresh array that does not alias REQUIRED_SCOPES', () => {
    const missing = missingScopes('zoom', [])
    missing.push('mutated')
    expect(REQUIRED_SCOPES.zoom).toEqual(['meeting:write'])
  })

  it('should give an empty list for an unknown provider', () => {
    expect(missingScopes('yahoo' as ProviderId, [])).toEqual([])
  })
})

describe('isEmailMismatch', () => {
  it('should ignore case and surrounding white space', async () => {
    const { isEmailMismatch } = await import('../../src/core/account.js')
    expect(isEmailMismatch(' Ada@Example.com ', 'ada@example.com')).toBe(false)
    expect(isEmailMismatch('ada@example.com', 'ada@other.example')).toBe(true)
  })

  it('should be false when either side is missing', async () => {
    const { isEmailMismatch } = await import('../../src/core/account.js')
    expect(isEmailMismatch(undefined, 'ada@example.com')).toBe(false)
    expect(isEmailMismatch('ada@example.com', '')).toBe(false)
  })
})

describe('readAccount', () => {
  it('should keep only string scopes and turn missing text fields into strings', async () => {
    const { readAccount } = await import('../../src/core/account.js')
    expect(readAccount({ accountId: 'a1', scopes: [null, 'openid', 3], extra: 1 }, 'zoom')).toEqual(
      {
        accountId: 'a1',
        email: '',
        name: '',
        status: '',
        provider: 'zoom',
        scopes: ['openid'],
        extra: 1,
      },
    )
  })

  it.each([null, 'x', [], { accountId: '' }, { accountId: 7 }])(
    'should refuse %j',
    async (value) => {
      const { readAccount } = await import('../../src/core/account.js')
      expect(readAccount(value, 'google')).toBeUndefined()
    },
  )
})

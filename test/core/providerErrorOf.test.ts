// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { MAX_DESCRIPTION, providerErrorOf } from '../../src/core/returnPath.js'
import { STATE } from './fakes.js'

const of = (error: string, errorDescription?: string) =>
  providerErrorOf(
    errorDescription ? { state: STATE, error, errorDescription } : { state: STATE, error },
  )

describe('providerErrorOf', () => {
  it('should be a plain cancel (null) for access_denied', () => {
    expect(of('access_denied', 'The user denied access')).toBeNull()
  })

  it.each([
    ['access_denied', 'AADSTS90094: An administrator of Contoso has not consented to this app.'],
    ['access_denied', 'AADSTS90093: This application requires admin consent.'],
    [
      'consent_required',
      'AADSTS65001: The user or administrator has not consented to use the application.',
    ],
    ['invalid_request', 'AADSTS90094: Admin approval needed.'],
    ['admin_policy_enforced', undefined],
  ])('should map %s with %s to admin_consent_required, never a cancel', (error, description) => {
    const mapped = of(error, description)
    expect(mapped?.code).toBe('admin_consent_required')
    expect(mapped?.providerError).toBe(error)
    expect(mapped?.message).toMatch(/IT administrator/)
  })

  it('should not read AADSTS65001 as admin consent unless the error is consent_required', () => {
    expect(of('interaction_required', 'AADSTS65001: consent missing')?.code).toBe('provider_error')
  })

  it('should keep any other error as provider_error with its raw value and description', () => {
    const mapped = of('server_error', 'Something broke')
    expect(mapped).toMatchObject({
      code: 'provider_error',
      providerError: 'server_error',
      description: 'Something broke',
    })
  })

  it(`should cap the description at ${MAX_DESCRIPTION} characters`, () => {
    expect(of('server_error', 'y'.repeat(10_000))?.description).toHaveLength(MAX_DESCRIPTION)
  })
})

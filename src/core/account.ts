import { isRecord } from './errorFromResponse.js'
import { isProviderId, type ProviderId, REQUIRED_SCOPES } from './providers.js'
import type { PyasAccount } from './types.js'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * The account in a connect answer (or a stored outcome), checked: `accountId` must be a non-empty
 * string, the documented text fields become strings, and `scopes` keeps only its strings. Any
 * other field Pyas adds passes through. `undefined` when it is not an account.
 */
export function readAccount(value: unknown, fallback?: ProviderId): PyasAccount | undefined {
  if (!isRecord(value) || typeof value.accountId !== 'string' || !value.accountId) return undefined
  const provider = isProviderId(value.provider) ? value.provider : fallback
  if (!provider) return undefined
  const scopes = Array.isArray(value.scopes)
    ? value.scopes.filter((scope): scope is string => typeof scope === 'string')
    : []
  return {
    ...value,
    accountId: value.accountId,
    email: text(value.email),
    name: text(value.name),
    status: text(value.status),
    provider,
    scopes,
  }
}

/** Reads the account in a connect answer (`{success, data: {account}}`) with {@link readAccount}. */
export const connectedAccount =
  (provider: ProviderId) =>
  (answer: Record<string, unknown>): PyasAccount | undefined =>
    readAccount(isRecord(answer.data) ? answer.data.account : undefined, provider)

/** The provider's required calendar scopes that `granted` lacks (empty when all were granted). */
export function missingScopes(provider: ProviderId, granted: readonly string[] = []): string[] {
  const have = new Set(granted.flatMap((scope) => scope.split(/\s+/)))
  return (REQUIRED_SCOPES[provider] ?? []).filter((scope) => !have.has(scope))
}

/**
 * True when the connected account's email is not the one the attempt was started with, compared
 * trimmed and case-insensitively; false when either is missing (zoom sends no email).
 */
export function isEmailMismatch(asked: string | undefined, connected: string | undefined): boolean {
  const a = asked?.trim().toLowerCase()
  const b = connected?.trim().toLowerCase()
  return Boolean(a && b && a !== b)
}

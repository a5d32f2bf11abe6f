import { type PyasProvider, REQUIRED_SCOPES } from './types.js'

/** The provider's required calendar scopes that `granted` lacks (empty when all were granted). */
export function missingScopes(provider: PyasProvider, granted: readonly string[] = []): string[] {
  const have = new Set(granted.flatMap((scope) => scope.split(/\s+/)))
  return (REQUIRED_SCOPES[provider] ?? []).filter((scope) => !have.has(scope))
}

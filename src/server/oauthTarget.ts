import type { PyasProvider } from '../core/types.js'

/**
 * The upstream path of an `oauth` call, built from the client's query: only `email` (not for zoom)
 * and `state` are carried over, re-encoded; absent ones are left out. `email` is returned for
 * `authorize`.
 */
export function oauthTarget(
  provider: PyasProvider,
  search: string,
): { path: string; email: string | undefined } {
  const params = new URLSearchParams(search)
  const email = provider === 'zoom' ? null : params.get('email')
  const state = params.get('state')
  let query = ''
  if (email !== null) query += `&email=${encodeURIComponent(email)}`
  if (state !== null) query += `&state=${encodeURIComponent(state)}`
  return {
    path: `/${provider}/oauth${query && `?${query.slice(1)}`}`,
    email: email ?? undefined,
  }
}

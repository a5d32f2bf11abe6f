const OAUTH_RETURN_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri']

/**
 * Adds OAuth return parameters to a redirect URL. The URL's own query is kept byte for byte
 * (re-serialising it would turn `%20` into `+`) unless it already holds an OAuth return parameter,
 * which is replaced rather than duplicated; the fragment stays after the query.
 */
export function appendParams(target: URL, params: Record<string, string | undefined>): string {
  const url = new URL(target)
  const existing = new URLSearchParams(url.search)
  if (OAUTH_RETURN_PARAMS.some((name) => existing.has(name))) {
    for (const name of OAUTH_RETURN_PARAMS) existing.delete(name)
    url.search = existing.toString()
  }
  const added = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') added.append(name, value)
  }
  const extra = added.toString()
  if (extra) url.search = url.search ? `${url.search}&${extra}` : extra
  return url.href
}

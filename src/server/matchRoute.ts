import type { ProviderId } from '../core/providers.js'
import type { PyasProxyAction } from './PyasProxyOptions.js'

/**
 * A request the proxy serves: `{provider}/{action}` as the last two path segments, or `links` as
 * the last one (then `provider` is `undefined`).
 */
export type Route =
  | {
      readonly provider: ProviderId
      readonly action: Exclude<PyasProxyAction, 'links'>
      /** The raw query string, without `?`. */
      readonly search: string
    }
  | { readonly provider: undefined; readonly action: 'links'; readonly search: string }

const PROVIDER_ACTIONS: ReadonlySet<string> = new Set(['oauth', 'connect', 'calendars'])

// Dot segments, backslashes and percent-escapes are what URL parsing rewrites; only then is the
// full parser needed for the path to be read the way a Fetch `Request` would read it.
const NEEDS_PARSING = /[.\\%]/

/**
 * The path (dot segments resolved, as a Fetch `Request` would read it; `''` if it cannot be read)
 * and the raw query of an absolute URL or an origin-form request target.
 */
export function splitUrl(url: string): { path: string; search: string } {
  const hash = url.indexOf('#')
  const target = hash === -1 ? url : url.slice(0, hash)
  const query = target.indexOf('?')
  let path = query === -1 ? target : target.slice(0, query)
  const search = query === -1 ? '' : target.slice(query + 1)
  if (!path.startsWith('/') || NEEDS_PARSING.test(path)) {
    path = URL.canParse(path, 'http://localhost') ? new URL(path, 'http://localhost').pathname : ''
  }
  return { path, search }
}

/**
 * Reads the route from an absolute URL or an origin-form path. Whatever prefix the proxy is mounted
 * under is ignored; an unknown action or a provider not in `providers` gives `null`. Whether an
 * optional route (`calendars`, `links`) is switched on is the caller's decision.
 */
export function matchRoute(url: string, providers: ReadonlySet<string>): Route | null {
  const { path, search } = splitUrl(url)
  const actionStart = path.lastIndexOf('/')
  const action = path.slice(actionStart + 1)
  if (action === 'links' && actionStart >= 0) return { provider: undefined, action, search }
  const providerStart = path.lastIndexOf('/', actionStart - 1)
  if (actionStart <= 0 || providerStart < 0) return null
  const provider = path.slice(providerStart + 1, actionStart)
  if (!PROVIDER_ACTIONS.has(action) || !providers.has(provider)) return null
  return {
    provider: provider as ProviderId,
    action: action as Exclude<PyasProxyAction, 'links'>,
    search,
  }
}

import { isPyasState } from './attempts.js'

/** What the provider put in the URL on its way back. */
export interface CallbackParams {
  state: string
  code?: string
  error?: string
  errorDescription?: string
}

/** The query parameters OAuth providers add on the way back; all are removed after reading. */
export const CALLBACK_PARAMS = [
  'code',
  'state',
  'scope',
  'authuser',
  'prompt',
  'hd',
  'session_state',
  'iss',
  'error',
  'error_description',
  'error_uri',
] as const

/**
 * Reads a callback that this library started (`state` starting with `pyas_` and a `code` or an
 * `error`). Any other `?code&state` belongs to someone else and gives `null`. Never throws.
 */
export function readCallback(
  location: Pick<Location, 'search'> | undefined = globalThis.location,
): CallbackParams | null {
  if (!location) return null
  let params: URLSearchParams
  try {
    params = new URLSearchParams(location.search)
  } catch {
    return null
  }
  const state = params.get('state')
  const code = params.get('code')
  const error = params.get('error')
  if (!isPyasState(state) || (!code && !error)) return null
  const result: CallbackParams = { state }
  if (error) {
    result.error = error
    const description = params.get('error_description')
    if (description) result.errorDescription = description
  } else if (code) {
    result.code = code
  }
  return result
}

/**
 * `href` without the callback parameters; the path, every other parameter and the hash stay. An
 * absolute URL, because a path like `//host/cb` alone would name another origin.
 */
export function cleanCallbackHref(href: string): string {
  const url = new URL(href)
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name)
  return url.href
}

/** Removes the callback parameters from the address bar without a navigation or a history entry. */
export function cleanCallbackUrl(
  location: Pick<Location, 'href'> = window.location,
  history: Pick<History, 'replaceState' | 'state'> = window.history,
): void {
  history.replaceState(history.state, '', cleanCallbackHref(location.href))
}

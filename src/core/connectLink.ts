import type { ProviderId } from './providers.js'

/** A connect link's token: base64url claims, a dot, a base64url signature; at most 2 KB. */
export const isLinkToken = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 2048 && /^[\w-]+\.[\w-]+$/.test(value)

/** A connect link the page was opened with: its token, and the claims it offers as defaults. */
export interface PageLink {
  token: string
  provider?: ProviderId
  email?: string
  name?: string
}

/**
 * The link's claims, read without verifying them (the proxy verifies the token on every call):
 * only `provider`, `email` and `name`, each kept when it is a non-empty string. Garbage gives none.
 */
export function readLink(token: string): PageLink {
  const link: PageLink = { token }
  try {
    const base64 = (token.split('.')[0] as string).replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
    const claims = JSON.parse(new TextDecoder().decode(bytes))
    for (const key of ['provider', 'email', 'name'] as const) {
      const value = claims?.[key]
      if (typeof value === 'string' && value) link[key] = value as ProviderId
    }
  } catch {
    // Not JSON claims: the token still goes to the proxy, which answers link_invalid.
  }
  return link
}

/** The page's connect link as a provider's connect sees it: none when made for another provider. */
export type LinkFor = (provider: ProviderId) => PageLink | undefined

/**
 * Takes `pyas_link` out of the address bar (no navigation, no history entry) and returns the link
 * as each provider sees it, if the page has a well-formed one; the parameter is removed either way.
 */
export function takeLink(
  location: Pick<Location, 'href' | 'search'> | undefined = globalThis.location,
  history: Pick<History, 'replaceState' | 'state'> | undefined = globalThis.history,
): LinkFor {
  const none: LinkFor = () => undefined
  if (!location || !/[?&]pyas_link=/.test(location.search)) return none
  const url = new URL(location.href)
  const token = url.searchParams.get('pyas_link')
  url.searchParams.delete('pyas_link')
  history?.replaceState(history.state, '', url.href)
  if (!isLinkToken(token)) return none
  const link = readLink(token)
  return (provider) => (!link.provider || link.provider === provider ? link : undefined)
}

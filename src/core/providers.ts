/** What the library knows about one provider. */
interface ProviderFacts {
  /**
   * Identified by email (Pyas requires it, and it is sent upstream), and takes an OAuth `prompt`
   * (Google and Microsoft). Zoom takes neither.
   */
  email: boolean
  /** The scopes it must grant for Pyas to read and write events. */
  scopes: readonly string[]
}

/** Every fact about the providers, in one table, in display order. `microsoft` is Outlook. */
const PROVIDER_FACTS = {
  google: { email: true, scopes: ['https://www.googleapis.com/auth/calendar.events'] },
  microsoft: { email: true, scopes: ['Calendars.ReadWrite'] },
  zoom: { email: false, scopes: ['meeting:write'] },
} as const satisfies Record<string, ProviderFacts>

/** The calendar providers Pyas connects. */
export type ProviderId = keyof typeof PROVIDER_FACTS

/** Every provider, in display order. */
export const PROVIDERS = Object.keys(PROVIDER_FACTS) as readonly ProviderId[]

/**
 * True for an own key of the provider table; a stored or received provider is checked with it
 * (`constructor` or `__proto__` are not providers).
 */
export const isProviderId = (value: unknown): value is ProviderId =>
  PROVIDERS.includes(value as ProviderId)

/** Whether the provider needs the user's email (and takes a `prompt`). */
export const needsEmail = (provider: ProviderId): boolean => PROVIDER_FACTS[provider].email

/** The calendar scopes each provider must grant for Pyas to read and write events. */
export const REQUIRED_SCOPES: Readonly<Record<ProviderId, readonly string[]>> =
  // Pure: a bundle that never checks scopes (the first load of a page) drops the table.
  /* @__PURE__ */ (() =>
    Object.fromEntries(
      PROVIDERS.map((provider): [ProviderId, readonly string[]] => [
        provider,
        PROVIDER_FACTS[provider].scopes,
      ]),
    ) as Record<ProviderId, readonly string[]>)()

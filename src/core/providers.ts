/** The calendar providers Pyas connects. `microsoft` is Outlook. */
export type ProviderId = 'google' | 'microsoft' | 'zoom'

/** Every provider, in display order. */
export const PROVIDERS: readonly ProviderId[] = ['google', 'microsoft', 'zoom']

/** True for one of {@link PROVIDERS}; a stored or received provider is checked with it. */
export const isProviderId = (value: unknown): value is ProviderId =>
  PROVIDERS.includes(value as ProviderId)

/**
 * Google and Microsoft identify the user by email (Pyas requires it, and it is sent upstream);
 * they also take an OAuth `prompt`. Zoom takes neither.
 */
export const needsEmail = (provider: ProviderId): boolean => provider !== 'zoom'

/** The calendar scope each provider must grant for Pyas to read and write events. */
export const REQUIRED_SCOPES: Readonly<Record<ProviderId, readonly string[]>> = {
  google: ['https://www.googleapis.com/auth/calendar.events'],
  microsoft: ['Calendars.ReadWrite'],
  zoom: ['meeting:write'],
}

import type { ProviderId } from '../core/providers.js'
import { GOOGLE_MARK, type Mark, MICROSOFT_MARK, ZOOM_MARK } from './ProviderIcon.js'

/** How a provider is shown to people. */
export interface ProviderInfo {
  /** The brand, as in "Redirecting to Google…" (brand names are never translated). */
  brand: string
  mark: Mark
}

// One constant per provider, so a bundle with only `ConnectGoogleButton` carries only Google's.
export const GOOGLE: ProviderInfo = { brand: 'Google', mark: GOOGLE_MARK }
export const MICROSOFT: ProviderInfo = { brand: 'Microsoft', mark: MICROSOFT_MARK }
export const ZOOM: ProviderInfo = { brand: 'Zoom', mark: ZOOM_MARK }

/** Every provider's info, for `ConnectButton`, where the provider is a prop. */
export const PROVIDER_INFO: Record<ProviderId, ProviderInfo> = {
  google: GOOGLE,
  microsoft: MICROSOFT,
  zoom: ZOOM,
}

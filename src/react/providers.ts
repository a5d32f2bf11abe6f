import type { PyasProvider } from '../core/types.js'

/** How each provider is named to people. */
export const PROVIDER_INFO: Record<PyasProvider, { brand: string; label: string }> = {
  google: { brand: 'Google', label: 'Connect Google Calendar' },
  microsoft: { brand: 'Microsoft', label: 'Connect Outlook Calendar' },
  zoom: { brand: 'Zoom', label: 'Connect Zoom' },
}

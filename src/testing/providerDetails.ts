import { PROVIDERS, type ProviderId } from '../core/providers.js'

/** How the fake presents one provider on its consent page and in connected accounts. */
export interface ProviderDetails {
  /** The calendar product, e.g. "Google Calendar". */
  displayName: string
  /** The company whose sign-in page this imitates. */
  company: string
  /** Brand colour for the consent page (white text on it passes WCAG AA). */
  accent: string
  /** The email used when the OAuth call carries none (zoom) or a hand-made consent URL lacks it. */
  defaultEmail: string
  /** The scopes a real connection of this provider grants. */
  scopes: readonly string[]
}

export const PROVIDER_DETAILS: Readonly<Record<ProviderId, ProviderDetails>> = {
  google: {
    displayName: 'Google Calendar',
    company: 'Google',
    accent: '#1a73e8',
    defaultEmail: 'test.user@example.com',
    scopes: [
      'https://www.googleapis.com/auth/userinfo.email',
      'https://www.googleapis.com/auth/userinfo.profile',
      'openid',
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/calendar.freebusy',
      'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly',
      'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
      'https://www.googleapis.com/auth/calendar.calendars.readonly',
    ],
  },
  microsoft: {
    displayName: 'Outlook Calendar',
    company: 'Microsoft',
    accent: '#0f6cbd',
    defaultEmail: 'test.user@example.com',
    scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Calendars.ReadWrite'],
  },
  zoom: {
    displayName: 'Zoom',
    company: 'Zoom',
    accent: '#0b5cff',
    defaultEmail: 'zoom.user@example.com',
    scopes: ['meeting:write', 'user:read'],
  },
}

/** Narrows any value to a provider name. */
export function isProvider(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value)
}

import type { PyasEvent, PyasProviderId } from '../../src/index.js'

/** The signed-in user of the pretend product; the connect buttons send their name and email. */
export interface DemoUser {
  name: string
  email: string
}

/** What the page tells the user about the last attempt: cancelled, an error, or a note. */
export interface Notice {
  /** `info`: connected, but with something to say (another email than the one asked for). */
  kind: 'cancelled' | 'error' | 'info'
  /** Unknown when the dialog's picker started the attempt. */
  provider?: PyasProviderId
  message: string
  code?: string
}

export type LoggedEvent = PyasEvent & { id: number }

export const PROVIDER_NAMES: Record<PyasProviderId, string> = {
  google: 'Google Calendar',
  microsoft: 'Outlook Calendar',
  zoom: 'Zoom',
}

export const DEFAULT_USER: DemoUser = { name: 'Ada Lovelace', email: 'ada@example.com' }

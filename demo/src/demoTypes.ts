import type { PyasAccount, PyasEvent, PyasProviderId } from '../../src/index.js'

/** The signed-in user of the pretend product; the connect buttons send their name and email. */
export interface DemoUser {
  name: string
  email: string
}

/** A connected account as the product would save it (a real app stores `accountId` server-side). */
export interface SavedAccount extends PyasAccount {
  missingScopes: string[]
  connectedAt: number
}

/** What the page tells the user about the last attempt: cancelled, or an error. */
export interface Notice {
  kind: 'cancelled' | 'error'
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

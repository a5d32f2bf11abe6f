import type { PyasMessages } from '../../src/index.js'
import { messages as de } from '../../src/locales/de.js'

/** One string changed; every other key falls back to English. */
export const justOne: Partial<PyasMessages> = { 'label.google': 'Link your Google Calendar' }

/** A shipped locale with one key of your own on top. */
export const germanPlus: Partial<PyasMessages> = {
  ...de,
  'account.empty': 'Noch nichts verbunden.',
}

// <PyasProvider messages={justOne}> or <PyasProvider messages={germanPlus}>

import { fn } from 'storybook/test'

/**
 * Storybook shows every story inside an iframe, where the default `mode: 'auto'` opens a popup:
 * the stories pin the same-window redirect (held by the harness) unless they are about popups.
 */
export const STORY_MODE = 'redirect' as const

/** The args every button story starts from: a demo user and spies for every callback. */
export const buttonArgs = (withEmail = true) => ({
  name: 'Ada Lovelace',
  mode: STORY_MODE,
  ...(withEmail ? { email: 'ada@example.com' } : {}),
  onConnected: fn(),
  onError: fn(),
  onCancel: fn(),
  onEvent: fn(),
})

/** Radio controls for the hook's string-union options. */
export const buttonArgTypes = {
  mode: { control: 'inline-radio', options: ['auto', 'redirect', 'popup'] },
  popupFallback: { control: 'inline-radio', options: ['error', 'redirect'] },
} as const

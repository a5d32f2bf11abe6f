import { fn } from 'storybook/test'

/**
 * The args every button story starts from: a demo user, spies for every callback, and
 * `mode: 'redirect'`. A story always runs in an iframe, where the default `auto` opens a popup;
 * the stories hold `navigate` instead, so the page stays in Storybook.
 */
export const buttonArgs = (withEmail = true) => ({
  name: 'Ada Lovelace',
  mode: 'redirect' as const,
  ...(withEmail ? { email: 'ada@example.com' } : {}),
  onConnected: fn(),
  onError: fn(),
  onCancel: fn(),
  onEvent: fn(),
})

/** Radio controls for the hook's string-union options. */
export const buttonArgTypes = {
  mode: { control: 'inline-radio', options: ['redirect', 'popup'] },
  popupFallback: { control: 'inline-radio', options: ['error', 'redirect'] },
} as const

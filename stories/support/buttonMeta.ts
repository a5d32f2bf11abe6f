import { fn } from 'storybook/test'

/** The args every button story starts from: a demo user and spies for every callback. */
export const buttonArgs = (withEmail = true) => ({
  name: 'Ada Lovelace',
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

'use client'
import { createProviderButton, type ProviderButtonProps } from './createProviderButton.js'
import { GOOGLE } from './providers.js'

/** Props of {@link ConnectGoogleButton}: those of `ConnectButton` without `provider`. */
export type ConnectGoogleButtonProps = ProviderButtonProps

/** `ConnectButton` for `google`, labelled "Connect Google Calendar" by default. */
export const ConnectGoogleButton = /*#__PURE__*/ createProviderButton(
  'google',
  GOOGLE,
  'ConnectGoogleButton',
)

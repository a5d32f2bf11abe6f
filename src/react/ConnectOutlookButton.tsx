'use client'
import { createProviderButton, type ProviderButtonProps } from './createProviderButton.js'
import { MICROSOFT } from './providers.js'

/** Props of {@link ConnectOutlookButton}: those of `ConnectButton` without `provider`. */
export type ConnectOutlookButtonProps = ProviderButtonProps

/** `ConnectButton` for `microsoft`, labelled "Connect Outlook Calendar" by default. */
export const ConnectOutlookButton = /*#__PURE__*/ createProviderButton(
  'microsoft',
  MICROSOFT,
  'ConnectOutlookButton',
)

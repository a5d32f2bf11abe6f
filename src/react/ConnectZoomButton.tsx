'use client'
import { createProviderButton, type ProviderButtonProps } from './createProviderButton.js'
import { ZOOM } from './providers.js'

/** Props of {@link ConnectZoomButton}: those of `ConnectButton` without `provider`. */
export type ConnectZoomButtonProps = ProviderButtonProps

/** `ConnectButton` for `zoom`, labelled "Connect Zoom" by default. */
export const ConnectZoomButton = /*#__PURE__*/ createProviderButton(
  'zoom',
  ZOOM,
  'ConnectZoomButton',
)

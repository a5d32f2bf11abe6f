'use client'
import { forwardRef } from 'react'
import type { ProviderId } from '../core/providers.js'
import { type ConnectButtonProps, ProviderButton } from './ConnectButton.js'
import type { ProviderInfo } from './providers.js'

/** Props of a provider's button: those of `ConnectButton` without `provider`. */
export type ProviderButtonProps = Omit<ConnectButtonProps, 'provider'>

/** `ConnectButton` with `provider` fixed, named for React DevTools. */
export function createProviderButton(
  provider: ProviderId,
  info: ProviderInfo,
  displayName: string,
) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per provider at module level
  const Button = forwardRef<HTMLButtonElement, ProviderButtonProps>((props, ref) => (
    <ProviderButton {...props} provider={provider} info={info} ref={ref} />
  ))
  Button.displayName = displayName
  return Button
}

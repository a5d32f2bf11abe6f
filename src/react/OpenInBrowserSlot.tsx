'use client'
import { lazy, type ReactNode, Suspense } from 'react'
import type { ProviderId } from '../core/providers.js'

// Loaded only when a connect failed with `embedded_browser`: every other page never downloads it.
const PyasOpenInBrowser = /*#__PURE__*/ lazy(() => import('./PyasOpenInBrowser.js'))

/**
 * `PyasOpenInBrowser`, where the buttons and the dialog show it in place of their status line;
 * `fallback` (that line) shows while its module loads.
 */
export function OpenInBrowserSlot(props: {
  provider?: ProviderId
  unstyled?: boolean
  fallback: ReactNode
}) {
  return (
    <Suspense fallback={props.fallback}>
      <PyasOpenInBrowser provider={props.provider} unstyled={props.unstyled} />
    </Suspense>
  )
}

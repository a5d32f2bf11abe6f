'use client' // Next.js App Router: the provider is a client component
import type { ReactNode } from 'react'
import { PyasProvider } from '../../src/index.js'
import '../../src/styles.css'

/**
 * At the root of the app (your root layout wraps its children in it). The provider finishes a
 * connect on whatever page the Pyas redirect URL points at, even a page with no button.
 */
export function Providers({ children }: { children: ReactNode }) {
  return <PyasProvider proxyUrl="/api/pyas">{children}</PyasProvider>
}

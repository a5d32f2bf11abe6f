'use client'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'
import type { PyasMessages } from '../core/messages.js'
import type { PyasHeaders } from '../core/proxyClient.js'

/** Props of {@link PyasProvider}. Every prop is optional. */
export interface PyasProviderProps {
  /** Where the customer-hosted proxy is mounted. @defaultValue `'/api/pyas'` */
  proxyUrl?: string
  /** The `fetch` used for proxy requests. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  /** Extra request headers (e.g. a CSRF token): an object, or a sync or async function. */
  headers?: PyasHeaders
  /** `credentials` of every proxy request. @defaultValue `'same-origin'` */
  credentials?: RequestCredentials
  /**
   * The React Query client to use; the connect flow's memory of the page's callbacks lives with it.
   * @defaultValue the app's `QueryClientProvider`, else a private one per `PyasProvider`
   */
  queryClient?: QueryClient
  /** Where attempt records are kept. @defaultValue `window.localStorage` */
  storage?: Storage
  /**
   * How the page leaves for the consent screen in redirect mode (e.g. a test spy, or a native
   * webview bridge). @defaultValue `(url) => window.location.assign(url)`
   */
  navigate?: (url: string) => void
  /**
   * Texts to show instead of the English ones: a locale's table
   * (`import { messages } from '@pyas/react/locales/de'`) or any subset. Missing keys stay English.
   */
  messages?: Partial<PyasMessages>
  children?: ReactNode
}

/** The configuration shared by every hook below a {@link PyasProvider}. */
export type PyasConfig = Omit<PyasProviderProps, 'children'>

export const PyasContext = createContext<PyasConfig>({})

/** Configures the proxy and storage for every Pyas hook and button below it. */
export function PyasProvider({ children, ...props }: PyasProviderProps) {
  const { proxyUrl, fetch, headers, credentials, storage, navigate, messages } = props
  const appClient = useContext(QueryClientContext)
  // Created once per instance (cheap: two empty caches), used only when no client is given.
  const [own] = useState(() => new QueryClient())
  const queryClient = props.queryClient ?? appClient ?? own
  const value = useMemo<PyasConfig>(
    () => ({ proxyUrl, fetch, headers, credentials, queryClient, storage, navigate, messages }),
    [proxyUrl, fetch, headers, credentials, queryClient, storage, navigate, messages],
  )
  return <PyasContext.Provider value={value}>{children}</PyasContext.Provider>
}

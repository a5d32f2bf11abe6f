'use client'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react'
import {
  type CallbackHandlers,
  createPyasClient,
  type PyasClient,
  returnStateIn,
} from '../core/client.js'
import type { PyasMessages } from '../core/messages.js'
import type { PyasHeaders } from '../core/proxyClient.js'
import { useLatest } from './useLatest.js'

/** Props of {@link PyasProvider}. Every prop is optional. */
export interface PyasProviderProps extends CallbackHandlers {
  /** Where the customer-hosted proxy is mounted. @defaultValue `'/api/pyas'` */
  proxyUrl?: string
  /** The `fetch` used for proxy requests. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  /** Extra request headers (e.g. a CSRF token): an object, or a sync or async function. */
  headers?: PyasHeaders
  /** `credentials` of every proxy request. @defaultValue `'same-origin'` */
  credentials?: RequestCredentials
  /**
   * The React Query client for the OAuth URL query and the exchange mutation.
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
  /** The app, or the part of it that connects calendars. */
  children?: ReactNode
}

/** The configuration shared by every hook below a {@link PyasProvider}. */
export type PyasConfig = Omit<PyasProviderProps, 'children' | keyof CallbackHandlers> & {
  /** The provider's client; absent without a `PyasProvider`. */
  pyas?: PyasClient
}

export const PyasContext = createContext<PyasConfig>({})

// Hooks used without any PyasProvider or QueryClientProvider share this one client: the only
// state shared by default, as there is nothing else to hang it on. Created on first use, never
// at import or during server rendering.
let documentClient: QueryClient | undefined

/**
 * The React Query client of every Pyas hook: `config`'s (the `PyasProvider`'s, which is the app's
 * when the provider sits in a `QueryClientProvider`), else the app's, else the document's.
 */
export function usePyasQueryClient(config: PyasConfig): QueryClient {
  const appClient = useContext(QueryClientContext)
  const queryClient = config.queryClient ?? appClient
  if (queryClient) return queryClient
  documentClient ??= new QueryClient()
  return documentClient
}

/**
 * Configures the proxy and storage for every Pyas hook and button below it, and finishes a
 * connect on whatever page it is mounted: the return in the URL is read here once, and its
 * outcome goes to this provider's handlers (once) and to one hook.
 */
export function PyasProvider({ children, ...props }: PyasProviderProps) {
  const { proxyUrl, fetch, headers, credentials, storage, navigate, messages } = props
  const appClient = useContext(QueryClientContext)
  // Created once per instance (cheap: two empty caches), used only when no client is given.
  const [own] = useState(() => new QueryClient())
  const queryClient = props.queryClient ?? appClient ?? own
  const latest = useLatest(props)
  const [pyas] = useState(() => createPyasClient(() => latest.current))
  const value = useMemo<PyasConfig>(
    () => ({
      proxyUrl,
      fetch,
      headers,
      credentials,
      queryClient,
      storage,
      navigate,
      messages,
      pyas,
    }),
    [proxyUrl, fetch, headers, credentials, queryClient, storage, navigate, messages, pyas],
  )
  const config = useLatest(value)
  useEffect(() => {
    // The return is read when the provider mounts (a page load brings it), not again when its
    // props change: a later render must not pick up a URL another app on the page put there.
    // Only a page that may carry a return loads what reading it needs.
    const asked = returnStateIn(window.location)
    if (!asked) return
    void import('./usePyasRuntime.js').then(({ createRuntime }) => {
      // The return this provider found when it mounted, not one put in the URL since.
      if (returnStateIn(window.location) !== asked) return
      const current = config.current
      const { client, getStorage, messages } = createRuntime(current, current.queryClient!, pyas)
      return pyas.fromUrl({ client, getStorage, messages })
    })
  }, [pyas, config])
  return <PyasContext.Provider value={value}>{children}</PyasContext.Provider>
}

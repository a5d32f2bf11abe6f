'use client'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { useContext, useMemo } from 'react'
import { getDefaultStorage } from '../core/env.js'
import { createProxyClient, DEFAULT_PROXY_URL, type ProxyClient } from '../core/proxyClient.js'
import { PyasContext } from './PyasProvider.js'

/** What the hooks run on: a proxy client whose calls go through React Query, and storage. */
export interface PyasRuntime {
  client: ProxyClient
  getStorage: () => Storage
  navigate: (url: string) => void
}

const assign = (url: string) => window.location.assign(url)

let privateClient: QueryClient | undefined
const getPrivateClient = () => {
  // No defaults needed: every query and mutation below sets its own options.
  privateClient ??= new QueryClient()
  return privateClient
}

/**
 * Resolves the provider's config (or the defaults) into a runtime. The OAuth URL is a React Query
 * query keyed by its inputs (so a prefetch and the click share one request) and the exchange is a
 * React Query mutation (so it shows in the devtools and in `useIsMutating`).
 */
export function usePyasRuntime(): PyasRuntime {
  const config = useContext(PyasContext)
  const appClient = useContext(QueryClientContext)
  const queryClient = config.queryClient ?? appClient ?? getPrivateClient()
  // The context value is memoized by PyasProvider (and a constant without one), so it is a dependency.
  return useMemo(() => {
    const { proxyUrl = DEFAULT_PROXY_URL, storage, navigate = assign } = config
    const base = createProxyClient(config)
    const client: ProxyClient = {
      getOAuthUrl: (provider, params) =>
        queryClient.fetchQuery({
          queryKey: ['pyas', 'oauth-url', proxyUrl, provider, params.email ?? '', params.state],
          queryFn: ({ signal }) => base.getOAuthUrl(provider, params, signal),
          retry: false,
          staleTime: Number.POSITIVE_INFINITY,
          gcTime: 5 * 60 * 1000,
        }),
      connect: (provider, body, signal) =>
        queryClient
          .getMutationCache()
          .build(queryClient, {
            mutationKey: ['pyas', 'connect', provider],
            mutationFn: () => base.connect(provider, body, signal),
            retry: false,
          })
          .execute(undefined),
    }
    return { client, getStorage: storage ? () => storage : getDefaultStorage, navigate }
  }, [config, queryClient])
}

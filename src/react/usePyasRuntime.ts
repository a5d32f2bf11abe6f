'use client'
import type { QueryClient } from '@tanstack/react-query'
import { useContext, useMemo } from 'react'
import { createPyasClient, type PyasClient } from '../core/client.js'
import type { FlowRuntime } from '../core/connectFlow.js'
import { getDefaultStorage } from '../core/env.js'
import { enConnect, mergeMessages } from '../core/messages.js'
import { createProxyClient, DEFAULT_PROXY_URL, type ProxyClient } from '../core/proxyClient.js'
import { type PyasConfig, PyasContext, usePyasQueryClient } from './PyasProvider.js'

const assign = (url: string) => window.location.assign(url)

/**
 * Without a `PyasProvider`, the Pyas client of a React Query client lives in its query cache,
 * under one key with no garbage collection: a fresh `QueryClient` (every test's) starts clean,
 * `queryClient.clear()` forgets it, and nothing is kept in module scope.
 */
function pyasClientOf(queryClient: QueryClient): PyasClient {
  const key = ['pyas', 'client']
  const made = createPyasClient()
  const query = queryClient.getQueryCache().build<PyasClient>(queryClient, {
    queryKey: key,
    // Used only when this call creates the query; otherwise the existing client is returned.
    initialData: made,
    // Nothing observes it, so nothing refetches it; a blanket `refetchQueries()` keeps it.
    queryFn: (): PyasClient => (queryClient.getQueryData(key) as PyasClient) ?? made,
    gcTime: Number.POSITIVE_INFINITY,
    structuralSharing: false,
  })
  return query.state.data as PyasClient
}

/**
 * The runtime of a configuration. The OAuth URL is a React Query query keyed by its inputs (so a
 * prefetch and the click share one request) and the exchange is a React Query mutation (so it
 * shows in the devtools and in `useIsMutating`).
 */
export function createRuntime(
  config: PyasConfig,
  queryClient: QueryClient,
  pyas: PyasClient,
): FlowRuntime {
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
    connect: (provider, body, read, signal) =>
      queryClient
        .getMutationCache()
        .build(queryClient, {
          mutationKey: ['pyas', 'connect', provider],
          mutationFn: () => base.connect(provider, body, read, signal),
          retry: false,
        })
        .execute(undefined),
  }
  return {
    client,
    getStorage: storage ? () => storage : getDefaultStorage,
    navigate,
    pyas,
    messages: mergeMessages(enConnect, config.messages),
  }
}

/** The runtime of the `PyasProvider`'s client, or of the default one of the app's (or the document's) QueryClient. */
export function usePyasRuntime(): FlowRuntime {
  const config = useContext(PyasContext)
  const queryClient = usePyasQueryClient(config)
  return useMemo(
    () => createRuntime(config, queryClient, config.pyas ?? pyasClientOf(queryClient)),
    [config, queryClient],
  )
}

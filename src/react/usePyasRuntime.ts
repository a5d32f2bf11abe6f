'use client'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { useContext, useMemo } from 'react'
import { type CallbackStore, createCallbackStore } from '../core/callbackStore.js'
import type { FlowRuntime } from '../core/connectFlow.js'
import { getDefaultStorage } from '../core/env.js'
import { enConnect, mergeMessages } from '../core/messages.js'
import { createProxyClient, DEFAULT_PROXY_URL, type ProxyClient } from '../core/proxyClient.js'
import { PyasContext } from './PyasProvider.js'

const assign = (url: string) => window.location.assign(url)

// Hooks used without any PyasProvider or QueryClientProvider share this one client: the only
// state shared by default, as there is nothing else to hang it on.
let documentClient: QueryClient | undefined
const getDocumentClient = () => {
  // No defaults needed: every query and mutation below sets its own options.
  documentClient ??= new QueryClient()
  return documentClient
}

/**
 * The callbacks a React Query client read on this page live in its query cache, under one key
 * with no garbage collection: a fresh client (every test's) starts clean, `queryClient.clear()`
 * forgets them, and nothing is kept in module scope.
 */
function callbackStoreOf(queryClient: QueryClient): CallbackStore {
  const store = createCallbackStore()
  const query = queryClient.getQueryCache().build<CallbackStore>(queryClient, {
    queryKey: ['pyas', 'callbacks'],
    // Used only when this call creates the query; otherwise the existing store is returned.
    initialData: store,
    // Nothing observes it, so nothing refetches it; a blanket `refetchQueries()` keeps the store.
    queryFn: (): CallbackStore =>
      (queryClient.getQueryData(['pyas', 'callbacks']) as CallbackStore) ?? store,
    gcTime: Number.POSITIVE_INFINITY,
    structuralSharing: false,
  })
  return query.state.data as CallbackStore
}

/**
 * Resolves the provider's config (or the defaults) into a runtime. The OAuth URL is a React Query
 * query keyed by its inputs (so a prefetch and the click share one request) and the exchange is a
 * React Query mutation (so it shows in the devtools and in `useIsMutating`).
 */
export function usePyasRuntime(): FlowRuntime {
  const config = useContext(PyasContext)
  const appClient = useContext(QueryClientContext)
  const queryClient = config.queryClient ?? appClient ?? getDocumentClient()
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
    return {
      client,
      getStorage: storage ? () => storage : getDefaultStorage,
      navigate,
      store: callbackStoreOf(queryClient),
      messages: mergeMessages(enConnect, config.messages),
    }
  }, [config, queryClient])
}

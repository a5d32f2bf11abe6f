import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, renderHook } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { PyasProvider, type PyasProviderProps } from '../../src/index.js'

export const ORIGIN = 'http://localhost:3000'
export const PROXY = `${ORIGIN}/api/pyas`

export interface ProxyLog {
  oauth: URL[]
  connect: Array<{ provider: string; body: unknown; hrefAtRequest: string }>
}

export const account = (provider = 'google', scopes?: string[]) => ({
  accountId: `acc-${provider}-1`,
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  provider,
  status: 'active',
  scopes:
    scopes ??
    {
      google: ['openid', 'https://www.googleapis.com/auth/calendar.events'],
      microsoft: ['openid', 'Calendars.ReadWrite'],
      zoom: ['meeting:write', 'user:read'],
    }[provider],
})

/** A stand-in for the customer's proxy: records every request, answers like Pyas. */
export function setupFakeProxy() {
  const log: ProxyLog = { oauth: [], connect: [] }
  const server = setupServer(
    http.get(`${PROXY}/:provider/oauth`, ({ request }) => {
      const url = new URL(request.url)
      log.oauth.push(url)
      return HttpResponse.json({
        success: true,
        url: `https://consent.example/${url.pathname.split('/')[3]}?state=${url.searchParams.get('state')}`,
      })
    }),
    http.post(`${PROXY}/:provider/connect`, async ({ request, params }) => {
      const body = await request.json()
      log.connect.push({
        provider: String(params.provider),
        body,
        hrefAtRequest: window.location.href,
      })
      return HttpResponse.json({
        success: true,
        data: { account: account(String(params.provider)) },
      })
    }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    log.oauth.length = 0
    log.connect.length = 0
    window.history.replaceState(null, '', '/')
  })
  afterAll(() => server.close())
  return { server, log }
}

export interface WrapperOptions {
  strict?: boolean
  provider?: Partial<PyasProviderProps>
}

/** Wraps in a fresh QueryClient, a PyasProvider with a navigate spy, and StrictMode by default. */
export function makeWrapper({ strict = true, provider = {} }: WrapperOptions = {}) {
  const navigate = vi.fn<(url: string) => void>()
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  function Wrapper({ children }: { children: ReactNode }) {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <PyasProvider proxyUrl="/api/pyas" navigate={navigate} {...provider}>
          {children}
        </PyasProvider>
      </QueryClientProvider>
    )
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return { Wrapper, navigate, queryClient }
}

export function renderWithPyas(ui: ReactNode, options?: WrapperOptions) {
  const { Wrapper, navigate, queryClient } = makeWrapper(options)
  return { ...render(ui, { wrapper: Wrapper }), navigate, queryClient }
}

export function renderHookWithPyas<T, P>(
  hook: (props: P) => T,
  options?: WrapperOptions & { initialProps?: P },
) {
  const { Wrapper, navigate } = makeWrapper(options)
  return {
    ...renderHook(hook, {
      wrapper: Wrapper,
      ...(options?.initialProps ? { initialProps: options.initialProps } : {}),
    }),
    navigate,
  }
}

export const STATE_RE = /^pyas_[A-Za-z0-9_-]{43}$/

/** Saves an attempt record as `connect()` would have, and puts the return URL in the address bar. */
export function returnWith(
  params: Record<string, string>,
  record?: Partial<{
    provider: string
    name: string
    email: string
    returnTo: string
    createdAt: number
    mode: string
    replaces: string
  }>,
  path = '/calendar',
) {
  const state = params.state ?? `pyas_${'A'.repeat(43)}`
  if (record) {
    localStorage.setItem(
      `pyas:attempt:${state}`,
      JSON.stringify({
        state,
        provider: 'google',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        mode: 'redirect',
        createdAt: Date.now(),
        ...record,
      }),
    )
  }
  const search = new URLSearchParams({ ...params, state })
  window.history.replaceState(null, '', `${path}?${search}`)
  return state
}

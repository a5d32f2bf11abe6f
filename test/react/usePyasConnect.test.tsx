import { QueryClient, QueryClientProvider, useIsMutating } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { PyasProvider, usePyasCallback, usePyasConnect } from '../../src/index.js'
import { PROXY, renderHookWithPyas, returnWith, setupFakeProxy } from './helpers.js'

const { server, log } = setupFakeProxy()

describe('usePyasConnect', () => {
  it('should keep connect, reset and reconnect identities across renders', () => {
    const { result, rerender } = renderHookWithPyas(
      (props: { email: string }) =>
        usePyasConnect({ provider: 'google', name: 'Ada', email: props.email }),
      { initialProps: { email: 'a@example.com' } },
    )
    const { connect, reset, reconnect, prefetch } = result.current
    rerender({ email: 'b@example.com' })
    rerender({ email: 'c@example.com' })
    expect(result.current.connect).toBe(connect)
    expect(result.current.reset).toBe(reset)
    expect(result.current.reconnect).toBe(reconnect)
    expect(result.current.prefetch).toBe(prefetch)
  })

  it('should read options and callbacks from the latest render', async () => {
    const onEvent = vi.fn()
    const { result, rerender, navigate } = renderHookWithPyas(
      (props: { email: string }) =>
        usePyasConnect({ provider: 'google', name: 'Ada', email: props.email, onEvent }),
      { initialProps: { email: 'old@example.com' } },
    )
    rerender({ email: 'new@example.com' })
    await act(() => result.current.connect())
    expect(navigate).toHaveBeenCalledTimes(1)
    expect(log.oauth[0]!.searchParams.get('email')).toBe('new@example.com')
  })

  it('should apply connect() overrides for one call', async () => {
    const { result, navigate } = renderHookWithPyas(() => usePyasConnect({ provider: 'google' }))
    await act(() =>
      result.current.connect({ name: 'Grace', email: 'grace@example.com', returnTo: '/x' }),
    )
    expect(navigate).toHaveBeenCalledTimes(1)
    const state = log.oauth[0]!.searchParams.get('state')!
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!)).toMatchObject({
      name: 'Grace',
      email: 'grace@example.com',
      returnTo: '/x',
    })
  })

  it('should go back to idle on reset() and start over on reconnect()', async () => {
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'google', name: 'Ada', email: 'bad' }),
    )
    await act(() => result.current.connect())
    expect(result.current.status).toBe('error')
    act(() => result.current.reset())
    expect(result.current).toMatchObject({
      status: 'idle',
      error: null,
      account: null,
      isPending: false,
    })
    await act(() => result.current.reconnect())
    expect(result.current.status).toBe('error')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('should reset a pending redirect when the page comes back from the bfcache', async () => {
    const { result } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com' }),
    )
    await act(() => result.current.connect())
    expect(result.current.status).toBe('redirecting')
    act(() => {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
    })
    expect(result.current.status).toBe('idle')
  })

  it('should send the provider headers (sync or async) and credentials to the proxy', async () => {
    const seen: Array<{ csrf: string | null }> = []
    server.use(
      http.get(`${PROXY}/:provider/oauth`, ({ request }) => {
        seen.push({ csrf: request.headers.get('x-csrf-token') })
        return HttpResponse.json({ success: true, url: 'https://consent.example/' })
      }),
    )
    const fetchSpy = vi.fn(globalThis.fetch)
    const headers = async () => ({ 'x-csrf-token': 'tok' })
    const { result } = renderHookWithPyas(
      () => usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com' }),
      { provider: { headers, fetch: fetchSpy, credentials: 'include' } },
    )
    await act(() => result.current.connect())
    expect(seen).toEqual([{ csrf: 'tok' }])
    expect(fetchSpy.mock.calls[0]![1]).toMatchObject({ credentials: 'include' })
  })

  it('should work without a PyasProvider or QueryClientProvider, on the defaults', async () => {
    const { result } = renderHook(() => usePyasConnect({ provider: 'zoom', name: 'Ada' }))
    // jsdom cannot navigate; the default is location.assign, so the connect reaches `redirecting`.
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await act(() => result.current.connect())
    error.mockRestore()
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/zoom/oauth')
    expect(result.current.status).toBe('redirecting')
  })

  it("should run the exchange as a mutation of the app's QueryClient", async () => {
    returnWith({ code: 'c' }, {})
    const client = new QueryClient()
    let maxMutating = 0
    function Probe() {
      const flow = usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com' })
      maxMutating = Math.max(maxMutating, useIsMutating({ mutationKey: ['pyas', 'connect'] }))
      return <p>{flow.status}</p>
    }
    render(
      <QueryClientProvider client={client}>
        <PyasProvider proxyUrl="/api/pyas">
          <Probe />
        </PyasProvider>
      </QueryClientProvider>,
    )
    await screen.findByText('connected')
    expect(maxMutating).toBe(1)
    expect(client.getMutationCache().getAll()).toHaveLength(1)
  })
})

describe('usePyasCallback', () => {
  it('should finish a connect for any provider on a route with no button', async () => {
    returnWith({ code: 'zoom-code' }, { provider: 'zoom', email: undefined, returnTo: '/meetings' })
    const onConnected = vi.fn()
    const { result } = renderHookWithPyas(() => usePyasCallback({ onConnected }))
    await waitFor(() => expect(result.current.status).toBe('connected'))
    expect(log.connect[0]!.provider).toBe('zoom')
    expect(result.current.account?.provider).toBe('zoom')
    expect(result.current.returnTo).toBe('/meetings')
    expect(onConnected).toHaveBeenCalledTimes(1)
  })

  it('should stay idle on a page that is not a callback', async () => {
    const { result } = renderHookWithPyas(() => usePyasCallback())
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(result.current.status).toBe('idle')
    expect(log.connect).toHaveLength(0)
  })
})

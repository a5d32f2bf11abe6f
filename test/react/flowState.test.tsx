import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, PyasProvider, usePyasCallback } from '../../src/index.js'
import {
  account,
  makeWrapper,
  PROXY,
  renderHookWithPyas,
  renderWithPyas,
  returnWith,
  setupFakeProxy,
} from './helpers.js'

const { server, log } = setupFakeProxy()

const button = () => screen.getByRole('button', { name: 'Connect Google Calendar' })

afterEach(() => vi.restoreAllMocks())

describe('where the flow state lives', () => {
  it('should start a fresh PyasProvider idle after another one finished a round trip', async () => {
    // A customer's suite: a round-trip test, then a test rendering a new provider at /settings.
    returnWith({ code: 'c1' }, {})
    const first = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'connected'))
    first.unmount()
    window.history.replaceState(null, '', '/settings')
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(button()).toHaveAttribute('data-state', 'idle')
  })

  it("should leave a fresh client idle on a page with someone else's ?code&state", async () => {
    returnWith({ code: 'ours' }, {})
    const first = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'connected'))
    first.unmount()
    window.history.replaceState(null, '', '/other-oauth?code=theirs&state=not-ours')
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(button()).toHaveAttribute('data-state', 'idle')
    expect(window.location.search).toBe('?code=theirs&state=not-ours')
    expect(log.connect).toHaveLength(1)
  })

  it('should leave a hook that mounts after the outcome was delivered idle, without its handlers', async () => {
    returnWith({ code: 'c1' }, {})
    const { Wrapper } = makeWrapper()
    const onConnected = vi.fn()
    const late = vi.fn()
    const { rerender } = render(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    // Long after, with the URL clean: a settings page mounts another Google button.
    rerender(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={late} />
      </>,
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    const buttons = screen.getAllByRole('button', { name: 'Connect Google Calendar' })
    // The receiver keeps showing its result; the newcomer has nothing of its own to show.
    expect(buttons[0]).toHaveAttribute('data-state', 'connected')
    expect(buttons[1]).toHaveAttribute('data-state', 'idle')
    expect(late).not.toHaveBeenCalled()
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(log.connect).toHaveLength(1)
  })

  it('should keep two PyasProviders apart when each makes its own client', async () => {
    returnWith({ code: 'c1' }, {})
    const onConnected = vi.fn()
    const { rerender } = render(
      <PyasProvider proxyUrl="/api/pyas">
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />
      </PyasProvider>,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    rerender(
      <>
        <PyasProvider proxyUrl="/api/pyas">
          <ConnectGoogleButton name="Ada" email="ada@example.com" />
        </PyasProvider>
        <PyasProvider key="other" proxyUrl="/api/pyas">
          <ConnectGoogleButton name="Bob" email="bob@example.com" />
        </PyasProvider>
      </>,
    )
    const buttons = screen.getAllByRole('button', { name: 'Connect Google Calendar' })
    await waitFor(() => expect(buttons[0]).toHaveAttribute('data-state', 'connected'))
    expect(buttons[1]).toHaveAttribute('data-state', 'idle')
  })

  it('should forget the page’s callbacks when the app clears its QueryClient', async () => {
    returnWith({ code: 'c1' }, {})
    const queryClient = new QueryClient()
    const tree = (key: string) => (
      <QueryClientProvider client={queryClient}>
        <PyasProvider proxyUrl="/api/pyas" key={key}>
          <ConnectGoogleButton name="Ada" email="ada@example.com" />
        </PyasProvider>
      </QueryClientProvider>
    )
    const { rerender } = render(tree('a'))
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'connected'))
    queryClient.clear()
    rerender(tree('b'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(button()).toHaveAttribute('data-state', 'idle')
  })
})

describe('hardening of the browser flow', () => {
  it.each([
    'javascript:alert(document.domain)',
    'data:text/html,<script>1</script>',
    '/relative',
    'not a url',
  ])('should refuse to navigate to an OAuth URL like %s (redirect mode)', async (url) => {
    server.use(
      http.get(`${PROXY}/:provider/oauth`, () => HttpResponse.json({ success: true, url })),
    )
    const onError = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" mode="redirect" onError={onError} />,
    )
    await userEvent.click(button())
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0].code).toBe('proxy_error')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('should close the popup and never point it at a javascript: URL', async () => {
    server.use(
      http.get(`${PROXY}/:provider/oauth`, () =>
        HttpResponse.json({ success: true, url: 'javascript:alert(1)' }),
      ),
    )
    const popup = { closed: false, location: { href: 'about:blank' }, close: vi.fn() }
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" mode="popup" onError={onError} />,
    )
    await userEvent.click(button())
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0].code).toBe('proxy_error')
    expect(popup.location.href).toBe('about:blank')
    expect(popup.close).toHaveBeenCalled()
  })

  it('should connect, and connect again on a reload, when scopes hold non-strings', async () => {
    server.use(
      http.post(`${PROXY}/:provider/connect`, () =>
        HttpResponse.json({
          success: true,
          data: { account: { ...account('google'), scopes: [null, 'openid', 42] } },
        }),
      ),
    )
    const callback = `/calendar?code=c&state=pyas_${'A'.repeat(43)}`
    returnWith({ code: 'c' }, {})
    const onConnected = vi.fn()
    const first = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'connected'))
    expect(onConnected.mock.calls[0]![0].scopes).toEqual(['openid'])
    expect(onConnected.mock.calls[0]![1].missingScopes).toEqual([
      'https://www.googleapis.com/auth/calendar.events',
    ])
    first.unmount()
    window.history.replaceState(null, '', callback)
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'connected'))
  })

  it('should refuse an answer whose accountId is empty', async () => {
    server.use(
      http.post(`${PROXY}/:provider/connect`, () =>
        HttpResponse.json({ success: true, data: { account: { ...account(), accountId: '' } } }),
      ),
    )
    returnWith({ code: 'c' }, {})
    const onError = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />)
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0].code).toBe('proxy_error')
  })

  it('should still deliver the account when storage cannot keep the outcome', async () => {
    returnWith({ code: 'c' }, {})
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key, value) {
      if (key.startsWith('pyas:outcome:')) throw new DOMException('full', 'QuotaExceededError')
      return setItem.call(this, key, value)
    })
    const onConnected = vi.fn()
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        onConnected={onConnected}
        onError={onError}
      />,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(button()).toHaveAttribute('data-state', 'connected')
    expect(onError).not.toHaveBeenCalled()
  })

  it('should drop a stored returnTo that is not a same-origin path', async () => {
    returnWith({ code: 'c' }, { returnTo: 'https://evil.example/phish' })
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![1].returnTo).toBeUndefined()
  })

  it('should treat a stored record with an unknown provider as missing and POST nowhere', async () => {
    returnWith({ code: 'c' }, { provider: '../../admin/delete?x=' })
    const { result } = renderHookWithPyas(() => usePyasCallback())
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.code).toBe('state_mismatch')
    expect(log.connect).toHaveLength(0)
  })

  it('should treat a stored record whose createdAt is not a number as missing', async () => {
    returnWith({ code: 'c' }, { createdAt: 'yesterday' as unknown as number })
    const { result } = renderHookWithPyas(() => usePyasCallback())
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.code).toBe('state_mismatch')
    expect(log.connect).toHaveLength(0)
  })

  it('should cap a huge error_description at 300 characters and keep it out of the message', async () => {
    returnWith({ error: 'server_error', error_description: 'x'.repeat(50_000) }, {})
    const { result } = renderHookWithPyas(() => usePyasCallback())
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.description).toHaveLength(300)
    expect(result.current.error?.message.length).toBeLessThan(200)
  })
})

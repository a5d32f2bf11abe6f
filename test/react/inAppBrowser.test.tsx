import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PyasEvent } from '../../src/index.js'
import {
  ConnectGoogleButton,
  PyasAccountList,
  PyasConnectDialog,
  usePyasConnect,
} from '../../src/index.js'
import { PROXY, renderHookWithPyas, renderWithPyas, setupFakeProxy } from './helpers.js'

const { server, log } = setupFakeProxy()
const LINK = 'https://app.example/connect?pyas_link=abc.def'

// The proxy's connect links route, which PyasOpenInBrowser asks for a link.
beforeEach(() => {
  server.use(http.post(`${PROXY}/links`, () => HttpResponse.json({ url: LINK })))
})

const INSTAGRAM =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 532277069)'
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36'

/** Runs the page as the browser with `userAgent` (jsdom's own is restored after each test). */
function userAgentIs(userAgent: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true })
}

afterEach(() => {
  // The own property shadows jsdom's getter on the prototype; deleting it brings that back.
  delete (window.navigator as { userAgent?: string }).userAgent
  vi.restoreAllMocks()
})

describe('connect in an in-app browser', () => {
  it('should fail google with embedded_browser, sending nothing and opening nothing', async () => {
    userAgentIs(INSTAGRAM)
    const events: PyasEvent[] = []
    const onError = vi.fn()
    const open = vi.spyOn(window, 'open')
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({
        provider: 'google',
        name: 'Ada',
        email: 'ada@example.com',
        onEvent: (event) => events.push(event),
        onError,
      }),
    )
    act(() => result.current.prefetch())
    await act(() => result.current.connect())
    await act(() => result.current.connect({ mode: 'popup' }))
    expect(result.current.status).toBe('error')
    expect(result.current.error?.code).toBe('embedded_browser')
    expect(onError.mock.calls[0]![0].code).toBe('embedded_browser')
    expect(events.map((event) => event.type)).toEqual(['failed', 'failed'])
    expect(navigate).not.toHaveBeenCalled()
    expect(open).not.toHaveBeenCalled()
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(log.oauth).toHaveLength(0)
    expect(Object.keys(localStorage).filter((key) => key.startsWith('pyas:attempt:'))).toEqual([])
  })

  it('should block microsoft the same way', async () => {
    userAgentIs(INSTAGRAM)
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'microsoft', name: 'Ada', email: 'ada@example.com' }),
    )
    await act(() => result.current.connect())
    expect(result.current.error?.code).toBe('embedded_browser')
    expect(navigate).not.toHaveBeenCalled()
    expect(log.oauth).toHaveLength(0)
  })

  it("should navigate with inAppBrowser: 'allow'", async () => {
    userAgentIs(INSTAGRAM)
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({
        provider: 'google',
        name: 'Ada',
        email: 'ada@example.com',
        inAppBrowser: 'allow',
      }),
    )
    await act(() => result.current.connect())
    expect(result.current.status).toBe('redirecting')
    expect(navigate).toHaveBeenCalledTimes(1)
    expect(log.oauth).toHaveLength(1)
  })

  it('should leave zoom unaffected', async () => {
    userAgentIs(INSTAGRAM)
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'zoom', name: 'Ada' }),
    )
    await act(() => result.current.connect())
    expect(navigate).toHaveBeenCalledTimes(1)
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/zoom/oauth')
  })

  it('should leave a real browser unaffected, and prefetch there', async () => {
    userAgentIs(CHROME_ANDROID)
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com' }),
    )
    act(() => result.current.prefetch())
    await waitFor(() => expect(log.oauth).toHaveLength(1))
    await act(() => result.current.connect())
    expect(navigate).toHaveBeenCalledTimes(1)
    expect(log.oauth).toHaveLength(1)
  })
})

describe('the buttons in an in-app browser', () => {
  it('should show PyasOpenInBrowser in place of the status line, and announce the error', async () => {
    userAgentIs(INSTAGRAM)
    const { container } = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    fireEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    const copy = await screen.findByRole('button', { name: 'Copy link' })
    const panel = copy.closest('.pyas-open-in-browser')!
    await waitFor(() => expect(panel.getAttribute('data-link')).toBe('ready'))
    expect((copy as HTMLButtonElement).disabled).toBe(false)
    const live = container.querySelector('[aria-live="polite"]')!
    expect(live.textContent).toMatch(/browser/i)
    expect(live.className).toBe('pyas-visually-hidden')
    expect(container.querySelector('.pyas-status')).toBeNull()
  })

  it('should keep the plain status line for any other error', async () => {
    userAgentIs(INSTAGRAM)
    const { container } = renderWithPyas(<ConnectGoogleButton name="Ada" email="bad" />)
    fireEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(container.querySelector('.pyas-status')?.textContent).not.toBe(''))
    expect(container.querySelector('.pyas-open-in-browser')).toBeNull()
  })
})

describe('the dialog and the account list in an in-app browser', () => {
  it('should show PyasOpenInBrowser in the dialog in place of its problem line', async () => {
    userAgentIs(INSTAGRAM)
    const { container } = renderWithPyas(<PyasConnectDialog name="Ada" email="ada@example.com" />)
    fireEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await screen.findByRole('button', { name: 'Copy link' })
    expect(container.querySelector('.pyas-dialog__problem')).toBeNull()
    // Zoom still connects from there, and starting again drops the panel.
    fireEvent.click(screen.getByRole('button', { name: 'Connect Zoom' }))
    await waitFor(() => expect(container.querySelector('.pyas-open-in-browser')).toBeNull())
  })

  it("should pass inAppBrowser: 'allow' to the account list's reconnect buttons", async () => {
    userAgentIs(INSTAGRAM)
    const accounts = [
      {
        accountId: 'a1',
        provider: 'google',
        email: 'ada@example.com',
        status: 'inactive',
      } as const,
    ]
    const { navigate } = renderWithPyas(
      <PyasAccountList accounts={accounts} name="Ada" inAppBrowser="allow" />,
    )
    fireEvent.click(screen.getByRole('button', { name: /Reconnect Google Calendar/ }))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
  })

  it("should show PyasOpenInBrowser under the account list's reconnect button", async () => {
    userAgentIs(INSTAGRAM)
    const accounts = [
      {
        accountId: 'a1',
        provider: 'google',
        email: 'ada@example.com',
        status: 'inactive',
      } as const,
    ]
    renderWithPyas(<PyasAccountList accounts={accounts} name="Ada" />)
    fireEvent.click(screen.getByRole('button', { name: /Reconnect Google Calendar/ }))
    await screen.findByRole('button', { name: 'Copy link' })
  })
})

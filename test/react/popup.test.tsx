import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, ConnectOutlookButton, usePyasConnect } from '../../src/index.js'
import { renderHookWithPyas, renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

const { log } = setupFakeProxy()

function fakePopup() {
  const popup = {
    closed: false,
    location: { href: 'about:blank' },
    close: vi.fn(() => {
      popup.closed = true
    }),
  }
  return popup
}

/** Plays the popup's part: reports a callback for `state` on the channel, returns the acks seen. */
function popupReports(params: Record<string, string>) {
  const channel = new BroadcastChannel('pyas')
  const acks: unknown[] = []
  channel.onmessage = (event) => acks.push(event.data)
  channel.postMessage({ type: 'callback', params })
  return { acks, close: () => channel.close() }
}

const stateOf = (popup: { location: { href: string } }) =>
  new URL(popup.location.href).searchParams.get('state')!

afterEach(() => vi.restoreAllMocks())

describe('popup mode', () => {
  it('should open the popup inside the click, point it at the OAuth URL and exchange its code once', async () => {
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onConnected = vi.fn()
    const onEvent = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        mode="popup"
        onConnected={onConnected}
        onEvent={onEvent}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    expect(open).toHaveBeenCalledWith('about:blank', '_blank', expect.stringContaining('popup'))
    await waitFor(() => expect(popup.location.href).toMatch(/^https:\/\/consent\.example\//))
    const state = stateOf(popup)
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!).mode).toBe('popup')
    expect(navigate).not.toHaveBeenCalled()
    const reporter = popupReports({ state, code: 'popup-code' })
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(log.connect).toEqual([
      expect.objectContaining({ provider: 'google', body: { code: 'popup-code', name: 'Ada' } }),
    ])
    expect(reporter.acks).toEqual([{ type: 'ack', state }])
    reporter.close()
    expect(screen.getByRole('button')).toHaveAttribute('data-state', 'connected')
    expect(onEvent.mock.calls.map(([e]) => e.type)).toEqual([
      'started',
      'popup_opened',
      'redirecting',
      'returned',
      'exchanging',
      'connected',
    ])
  })

  it('should keep the attempt in memory and still connect where site storage throws', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const blocked = () => {
      throw new DOMException('third-party storage is blocked', 'SecurityError')
    }
    const storage = new Proxy({} as Storage, { get: blocked })
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        mode="popup"
        onConnected={onConnected}
      />,
      { provider: { storage } },
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(popup.location.href).toMatch(/^https:\/\/consent\.example\//))
    const reporter = popupReports({ state: stateOf(popup), code: 'framed-code' })
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    reporter.close()
    expect(log.connect).toHaveLength(1)
    expect(screen.getByRole('button')).toHaveAttribute('data-state', 'connected')
  })

  it('should still refuse a redirect connect where site storage throws', async () => {
    const storage = new Proxy({} as Storage, {
      get: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
    })
    const onError = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" mode="redirect" onError={onError} />,
      { provider: { storage } },
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    expect(onError.mock.calls[0]![0].code).toBe('storage_unavailable')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('should fail with popup_blocked when window.open returns null, sending nothing', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" mode="popup" onError={onError} />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    expect(onError.mock.calls[0]![0].code).toBe('popup_blocked')
    expect(localStorage.length).toBe(0)
  })

  it("should fall back to a same-window redirect with popupFallback: 'redirect'", async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        mode="popup"
        popupFallback="redirect"
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    const state = new URL(navigate.mock.calls[0]![0]).searchParams.get('state')!
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!).mode).toBe('redirect')
  })

  it('should ignore a message with a foreign state', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" mode="popup" />)
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(popup.location.href).toContain('consent.example'))
    const reporter = popupReports({ state: `pyas_${'Z'.repeat(43)}`, code: 'evil' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    reporter.close()
    expect(reporter.acks).toEqual([])
    expect(log.connect).toHaveLength(0)
    expect(screen.getByRole('button')).toHaveAttribute('data-state', 'redirecting')
  })

  it('should keep two racing popups apart', async () => {
    const popups = [fakePopup(), fakePopup()]
    vi.spyOn(window, 'open')
      .mockReturnValueOnce(popups[0] as unknown as Window)
      .mockReturnValueOnce(popups[1] as unknown as Window)
    const google = vi.fn()
    const outlook = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" mode="popup" onConnected={google} />
        <ConnectOutlookButton
          name="Ada"
          email="ada@example.com"
          mode="popup"
          onConnected={outlook}
        />
      </>,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await userEvent.click(screen.getByRole('button', { name: 'Connect Outlook Calendar' }))
    await waitFor(() => expect(popups[1]!.location.href).toContain('consent.example/microsoft'))
    const second = popupReports({ state: stateOf(popups[1]!), code: 'ms-code' })
    const first = popupReports({ state: stateOf(popups[0]!), code: 'g-code' })
    await waitFor(() => expect(google).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(outlook).toHaveBeenCalledTimes(1))
    first.close()
    second.close()
    expect(log.connect.map((c) => [c.provider, (c.body as { code: string }).code]).sort()).toEqual([
      ['google', 'g-code'],
      ['microsoft', 'ms-code'],
    ])
  })

  it('should report popup_closed only once the opener has focus again, and still accept a late message', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    // jsdom reports focus once anything was focused (the clicked button); a real opener loses it
    // to the popup, and a popup that COOP severed still holds it.
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false)
    const onError = vi.fn()
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        mode="popup"
        onError={onError}
        onConnected={onConnected}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(popup.location.href).toContain('consent.example'))
    popup.closed = true
    // Past the 2 s grace period: closed, but the user is still elsewhere.
    await new Promise((resolve) => setTimeout(resolve, 2600))
    expect(onError).not.toHaveBeenCalled()
    hasFocus.mockReturnValue(true)
    window.dispatchEvent(new Event('focus'))
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0].code).toBe('popup_closed')
    // The popup was only severed after all; its message still completes the connect.
    const late = popupReports({ state: stateOf(popup), code: 'late-code' })
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    late.close()
  })

  it('should stop waiting on reset(), so a later message is ignored', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com', mode: 'popup' }),
    )
    await act(() => result.current.connect())
    expect(result.current.status).toBe('redirecting')
    act(() => result.current.reset())
    expect(result.current.status).toBe('idle')
    const late = popupReports({ state: stateOf(popup), code: 'after-reset' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    late.close()
    expect(late.acks).toEqual([])
    expect(log.connect).toHaveLength(0)
  })
})

describe('the callback page inside a popup', () => {
  it('should hand the code to the opener and close itself, without exchanging', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    const state = returnWith({ code: 'from-provider' }, { mode: 'popup' })
    const opener = new BroadcastChannel('pyas')
    const received: unknown[] = []
    opener.onmessage = (event) => {
      received.push(event.data)
      opener.postMessage({ type: 'ack', state })
    }
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await waitFor(() => expect(close).toHaveBeenCalledTimes(1))
    opener.close()
    expect(received).toEqual([{ type: 'callback', params: { state, code: 'from-provider' } }])
    expect(log.connect).toHaveLength(0)
    expect(window.location.search).toBe('')
  })

  it('should finish the connect itself when no opener answers', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    returnWith({ code: 'orphan' }, { mode: 'popup' })
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 4000 })
    expect(close).not.toHaveBeenCalled()
    expect(log.connect).toHaveLength(1)
  })
})

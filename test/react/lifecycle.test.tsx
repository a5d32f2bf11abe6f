import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, ConnectZoomButton, usePyasConnect } from '../../src/index.js'
import {
  account,
  PROXY,
  renderHookWithPyas,
  renderWithPyas,
  returnWith,
  setupFakeProxy,
} from './helpers.js'

const { server, log } = setupFakeProxy()

afterEach(() => vi.restoreAllMocks())

const oauthUrl = (url: string) =>
  server.use(http.get(`${PROXY}/:provider/oauth`, () => HttpResponse.json({ success: true, url })))

describe('prompt', () => {
  it('should add select_account to the provider URL, keeping its consent', async () => {
    oauthUrl('https://accounts.google.com/o/oauth2/auth?prompt=consent&state=s')
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" prompt="select_account" />,
    )
    await userEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(new URL(navigate.mock.calls[0]![0]).searchParams.get('prompt')).toBe(
      'consent select_account',
    )
  })

  it('should leave a Zoom URL untouched', async () => {
    oauthUrl('https://zoom.us/oauth/authorize?state=s')
    const { navigate } = renderWithPyas(<ConnectZoomButton name="Ada" prompt="consent" />)
    await userEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(navigate.mock.calls[0]![0]).toBe('https://zoom.us/oauth/authorize?state=s')
  })

  it('should refuse an unknown prompt with invalid_request, sending nothing', async () => {
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        prompt={'none' as 'consent'}
        onError={onError}
      />,
    )
    await userEvent.click(screen.getByRole('button'))
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'invalid_request' })
    expect(onError.mock.calls[0]![0].fieldErrors.prompt).toMatch(/select_account/)
    expect(log.oauth).toHaveLength(0)
  })
})

describe('emailMismatch and savedAccount', () => {
  it.each([
    ['ada@example.com', 'ADA@example.com ', false],
    ['ada@example.com', 'ada.work@example.com', true],
  ])('asked %s, connected %s → emailMismatch %s', async (asked, connected, mismatch) => {
    server.use(
      http.post(`${PROXY}/:provider/connect`, () =>
        HttpResponse.json({ success: true, data: { account: { ...account(), email: connected } } }),
      ),
    )
    returnWith({ code: 'c' }, { email: asked })
    const onConnected = vi.fn()
    const { result } = renderHookWithPyas(() =>
      usePyasConnect({ provider: 'google', name: 'Ada', email: asked, onConnected }),
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![1].emailMismatch).toBe(mismatch)
    expect(result.current.emailMismatch).toBe(mismatch)
  })

  it("should use the saved account's email and hand its accountId back as replaces", async () => {
    const { result, navigate } = renderHookWithPyas(() =>
      usePyasConnect({
        provider: 'google',
        name: 'Ada',
        savedAccount: { accountId: 'acc_saved', email: 'ada@example.com' },
      }),
    )
    await act(() => result.current.connect())
    expect(log.oauth[0]!.searchParams.get('email')).toBe('ada@example.com')
    const state = new URL(navigate.mock.calls[0]![0]).searchParams.get('state')!
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!).replaces).toBe('acc_saved')
  })

  it.each([
    ['the saved account itself', 'acc-google-1', 'acc-google-1'],
    ['another account', 'acc_7', undefined],
  ])('should give replaces to onConnected only when %s came back', async (_, saved, replaces) => {
    const state = returnWith({ code: 'c' }, { replaces: saved })
    const onConnected = vi.fn()
    const { result } = renderHookWithPyas(() =>
      usePyasConnect({
        provider: 'google',
        name: 'Ada',
        savedAccount: { accountId: saved, email: 'ada@example.com' },
        onConnected,
      }),
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![0].accountId).toBe('acc-google-1')
    expect(onConnected.mock.calls[0]![1].replaces).toBe(replaces)
    expect(result.current.status).toBe('connected')
    // The kept outcome replays the same answer.
    expect(JSON.parse(localStorage.getItem(`pyas:outcome:${state}`)!).replaces).toBe(saved)
  })

  it('should give no replaces without a saved account', async () => {
    returnWith({ code: 'c' }, {})
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![1].replaces).toBeUndefined()
  })
})

describe("mode: 'auto'", () => {
  it('should redirect at top level', async () => {
    const open = vi.spyOn(window, 'open')
    const { navigate } = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await userEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(open).not.toHaveBeenCalled()
  })

  it('should open a popup inside a frame, and never fall back to a redirect there', async () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window)
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const onError = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        popupFallback="redirect"
        onError={onError}
      />,
    )
    await userEvent.click(screen.getByRole('button'))
    expect(open).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0].code).toBe('popup_blocked')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('should refuse an unknown mode with invalid_request', async () => {
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        mode={'tab' as 'popup'}
        onError={onError}
      />,
    )
    await userEvent.click(screen.getByRole('button'))
    expect(onError.mock.calls[0]![0].fieldErrors.mode).toMatch(/auto/)
  })
})

describe('prefetch', () => {
  it('should not prefetch on focus once connected (focus coming back from a popup)', async () => {
    returnWith({ code: 'c' }, {})
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    const button = screen.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'connected'))
    act(() => button.focus())
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(log.oauth).toHaveLength(0)
  })
})

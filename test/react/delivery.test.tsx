// One return, one receiver: the client reads the page's return once and hands its outcome to the
// PyasProvider's handlers once and to exactly one mounted hook once. Real client, real provider.
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import {
  ConnectGoogleButton,
  ConnectZoomButton,
  PyasAccountList,
  type PyasSavedAccount,
  usePyasCallback,
} from '../../src/index.js'
import { makeWrapper, renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

const { log } = setupFakeProxy()

const googleButtons = () => screen.getAllByRole('button', { name: /Google Calendar$/ })
const tick = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('one return, one receiver', () => {
  it('should call one onConnected for two Google buttons, and the provider’s once', async () => {
    returnWith({ code: 'c' }, {})
    const first = vi.fn()
    const second = vi.fn()
    const app = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={first} />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={second} />
      </>,
      { provider: { onConnected: app } },
    )
    await waitFor(() => expect(first).toHaveBeenCalledTimes(1))
    await tick()
    expect(second).not.toHaveBeenCalled()
    expect(app).toHaveBeenCalledTimes(1)
    expect(app.mock.calls[0]![0].accountId).toBe('acc-google-1')
    expect(googleButtons().map((button) => button.dataset.state)).toEqual(['connected', 'idle'])
    expect(log.connect).toHaveLength(1)
  })

  it('should call one onReconnected for a list with two inactive Google rows, on the row reconnected', async () => {
    const accounts: PyasSavedAccount[] = [
      {
        accountId: 'acc-google-9',
        email: 'ada@work.example',
        provider: 'google',
        status: 'inactive',
      },
      {
        accountId: 'acc-google-1',
        email: 'ada@example.com',
        provider: 'google',
        status: 'inactive',
      },
    ]
    returnWith({ code: 'c' }, { replaces: 'acc-google-1' })
    const onReconnected = vi.fn()
    renderWithPyas(<PyasAccountList accounts={accounts} name="Ada" onReconnected={onReconnected} />)
    await waitFor(() => expect(onReconnected).toHaveBeenCalledTimes(1))
    await tick()
    expect(onReconnected).toHaveBeenCalledTimes(1)
    expect(onReconnected.mock.calls[0]![1].replaces).toBe('acc-google-1')
    expect(googleButtons().map((button) => button.dataset.state)).toEqual(['idle', 'connected'])
    expect(log.connect).toHaveLength(1)
  })

  it('should finish a connect with a PyasProvider and no hook at all: its handlers run once', async () => {
    returnWith({ code: 'c' }, { returnTo: '/calendars' }, '/')
    const onConnected = vi.fn()
    const onEvent = vi.fn()
    renderWithPyas(<p>Home</p>, { provider: { onConnected, onEvent } })
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![1]).toEqual({
      returnTo: '/calendars',
      missingScopes: [],
      emailMismatch: false,
      replaces: undefined,
    })
    expect(window.location.search).toBe('')
    expect(log.connect).toHaveLength(1)
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual([
      'returned',
      'exchanging',
      'connected',
    ])
  })

  it('should keep an outcome no hook could take for the first matching hook that mounts later, once', async () => {
    returnWith({ code: 'c' }, {})
    const { Wrapper } = makeWrapper()
    const { rerender } = render(<ConnectZoomButton name="Ada" />, { wrapper: Wrapper })
    await waitFor(() => expect(log.connect).toHaveLength(1))
    await tick()
    const late = vi.fn()
    const later = vi.fn()
    rerender(
      <>
        <ConnectZoomButton name="Ada" />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={late} />
      </>,
    )
    await waitFor(() => expect(late).toHaveBeenCalledTimes(1))
    rerender(
      <>
        <ConnectZoomButton name="Ada" />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={late} />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={later} />
      </>,
    )
    await tick()
    expect(later).not.toHaveBeenCalled()
    expect(late).toHaveBeenCalledTimes(1)
    expect(googleButtons().map((button) => button.dataset.state)).toEqual(['connected', 'idle'])
    expect(screen.getByRole('button', { name: 'Connect Zoom' })).toHaveAttribute(
      'data-state',
      'idle',
    )
  })

  it('should show a reload of the callback URL without calling any handler again', async () => {
    returnWith({ code: 'c' }, {})
    const href = window.location.href
    const app = vi.fn()
    const hook = vi.fn()
    const first = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={hook} />,
      { provider: { onConnected: app } },
    )
    await waitFor(() => expect(hook).toHaveBeenCalledTimes(1))
    first.unmount()
    window.history.replaceState(null, '', href)
    const appAgain = vi.fn()
    const hookAgain = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={hookAgain} />,
      { provider: { onConnected: appAgain } },
    )
    await waitFor(() => expect(googleButtons()[0]).toHaveAttribute('data-state', 'connected'))
    await tick()
    expect(app).toHaveBeenCalledTimes(1)
    expect(appAgain).not.toHaveBeenCalled()
    expect(hookAgain).not.toHaveBeenCalled()
    expect(log.connect).toHaveLength(1)
  })

  it.each([true, false])('should deliver once with StrictMode %s', async (strict) => {
    returnWith({ code: 'c' }, {})
    const app = vi.fn()
    const hook = vi.fn()
    const onEvent = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        onConnected={hook}
        onEvent={onEvent}
      />,
      { strict, provider: { onConnected: app } },
    )
    await waitFor(() => expect(hook).toHaveBeenCalledTimes(1))
    await tick()
    expect(app).toHaveBeenCalledTimes(1)
    expect(hook).toHaveBeenCalledTimes(1)
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual([
      'returned',
      'exchanging',
      'connected',
    ])
    expect(log.connect).toHaveLength(1)
  })

  it('should give an unknown-provider return to usePyasCallback before the first hook, and to the provider’s onError', async () => {
    returnWith({ code: 'c' })
    const button = vi.fn()
    const callback = vi.fn()
    const app = vi.fn()
    function CallbackRoute() {
      usePyasCallback({ onError: callback })
      return null
    }
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onError={button} />
        <CallbackRoute />
      </>,
      { provider: { onError: app } },
    )
    await waitFor(() => expect(callback).toHaveBeenCalledTimes(1))
    await tick()
    expect(callback.mock.calls[0]![0].code).toBe('state_mismatch')
    expect(app).toHaveBeenCalledTimes(1)
    expect(button).not.toHaveBeenCalled()
    expect(googleButtons()[0]).toHaveAttribute('data-state', 'idle')
    expect(log.connect).toHaveLength(0)
  })

  it('should give a return with no matching hook to a mounted usePyasCallback', async () => {
    returnWith({ code: 'c' }, {})
    const zoom = vi.fn()
    const onConnected = vi.fn()
    function Page() {
      usePyasCallback({ onConnected })
      return <ConnectZoomButton name="Ada" onConnected={zoom} />
    }
    renderWithPyas(<Page />)
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    await tick()
    expect(zoom).not.toHaveBeenCalled()
  })

  it('should give an unknown-provider return to the first mounted hook when there is no usePyasCallback', async () => {
    returnWith({ code: 'c' })
    const zoom = vi.fn()
    const google = vi.fn()
    renderWithPyas(
      <>
        <ConnectZoomButton name="Ada" onError={zoom} />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onError={google} />
      </>,
    )
    await waitFor(() => expect(zoom).toHaveBeenCalledTimes(1))
    await tick()
    expect(zoom.mock.calls[0]![0].code).toBe('state_mismatch')
    expect(google).not.toHaveBeenCalled()
  })

  it('should let the provider’s onEvent see a button’s own connect', async () => {
    const onEvent = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" />,
      {
        provider: { onEvent },
      },
    )
    await userEvent.click(googleButtons()[0]!)
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['started', 'redirecting'])
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, ConnectOutlookButton, ConnectZoomButton } from '../../src/index.js'
import {
  account,
  makeWrapper,
  PROXY,
  renderWithPyas,
  returnWith,
  setupFakeProxy,
} from './helpers.js'

const { server, log } = setupFakeProxy()

const googleButton = () => screen.getAllByRole('button', { name: 'Connect Google Calendar' })

describe('the return from the provider', () => {
  it('should exchange the code exactly once with two buttons under StrictMode', async () => {
    const state = returnWith(
      { code: 'code-123', scope: 'a b', authuser: '0', prompt: 'consent', tab: 'calendars' },
      { returnTo: '/settings' },
      '/settings/connections',
    )
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${window.location.search}#section`,
    )
    const first = vi.fn()
    const second = vi.fn()
    const onEvent = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton
          name="Ada Lovelace"
          email="ada@example.com"
          onConnected={first}
          onEvent={onEvent}
        />
        <ConnectGoogleButton name="Ada Lovelace" email="ada@example.com" onConnected={second} />
      </>,
    )
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
    // One return, one receiver: the first mounted Google button shows it; the other stays idle.
    expect(googleButton()[1]).toHaveAttribute('data-state', 'idle')
    expect(log.connect).toHaveLength(1)
    expect(log.connect[0]!.body).toEqual({ code: 'code-123', name: 'Ada Lovelace' })
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).not.toHaveBeenCalled()
    expect(first).toHaveBeenCalledWith(account('google'), {
      returnTo: '/settings',
      missingScopes: [],
      emailMismatch: false,
      replaces: undefined,
    })
    // Cleaned before the exchange: the request saw a URL without code or state.
    expect(log.connect[0]!.hrefAtRequest).toBe(
      'http://localhost:3000/settings/connections?tab=calendars#section',
    )
    expect(window.location.href).toBe(
      'http://localhost:3000/settings/connections?tab=calendars#section',
    )
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Connected as ada@example.com')
    expect(localStorage.getItem(`pyas:attempt:${state}`)).toBeNull()
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual([
      'returned',
      'exchanging',
      'connected',
    ])
    expect(JSON.stringify(onEvent.mock.calls)).not.toContain('code-123')
  })

  it('should show exchanging while the code is exchanged', async () => {
    let release = () => {}
    server.use(
      http.post(`${PROXY}/:provider/connect`, async () => {
        await new Promise<void>((resolve) => {
          release = resolve
        })
        return HttpResponse.json({ success: true, data: { account: account('google') } })
      }),
    )
    returnWith({ code: 'c' }, {})
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'exchanging'))
    expect(googleButton()[0]).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('status')).toHaveTextContent('Connecting your Google account…')
    release()
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
  })

  it('should show connected again on a reload of the callback URL, with no request and no second onConnected', async () => {
    returnWith({ code: 'code-1' }, {})
    const callbackUrl = window.location.href
    const onConnected = vi.fn()
    const first = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
    first.unmount()
    // A reload: a new document (a fresh provider and client) on the same URL and storage.
    window.history.replaceState(null, '', callbackUrl)
    const again = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={again} />)
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
    expect(log.connect).toHaveLength(1)
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(again).not.toHaveBeenCalled()
    expect(window.location.search).toBe('')
  })

  it('should not exchange again when the button remounts, and give the outcome to one mount once', async () => {
    returnWith({ code: 'code-2' }, {})
    const { Wrapper } = makeWrapper()
    const onConnected = vi.fn()
    const ui = (key: string) => (
      <Wrapper>
        <ConnectGoogleButton
          key={key}
          name="Ada"
          email="ada@example.com"
          onConnected={onConnected}
        />
      </Wrapper>
    )
    const { rerender } = render(ui('a'))
    rerender(ui('b'))
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
    expect(onConnected).toHaveBeenCalledTimes(1)
    // A new mount after the outcome was delivered is a new hook: it starts idle.
    rerender(ui('c'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(googleButton()[0]).toHaveAttribute('data-state', 'idle')
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(log.connect).toHaveLength(1)
  })

  it('should report state_mismatch for an unknown pyas_ state to the first mounted hook only, with no request', async () => {
    returnWith({ code: 'stolen' })
    const google = vi.fn()
    const outlook = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onError={google} />
        <ConnectOutlookButton name="Ada" email="ada@example.com" onError={outlook} />
      </>,
    )
    await waitFor(() => expect(google).toHaveBeenCalledTimes(1))
    // The provider is unknown (no attempt record): the first mounted hook receives it.
    expect(outlook).not.toHaveBeenCalled()
    expect(google.mock.calls[0]![0].code).toBe('state_mismatch')
    expect(screen.getByRole('button', { name: 'Connect Outlook Calendar' })).toHaveAttribute(
      'data-state',
      'idle',
    )
    expect(log.connect).toHaveLength(0)
    expect(window.location.search).toBe('')
  })

  it('should warn the developer once about a state_mismatch, however many hooks see it', async () => {
    returnWith({ code: 'stolen' })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const onError = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />
        <ConnectZoomButton name="Ada" />
      </>,
    )
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    const hints = warn.mock.calls.filter(([text]) => String(text).includes('state_mismatch'))
    warn.mockRestore()
    expect(hints).toHaveLength(1)
    expect(String(hints[0]![0])).toContain('state_mismatch on http://localhost:3000/calendar:')
    expect(String(hints[0]![0])).not.toContain('stolen')
  })

  it('should report expired_attempt for a record past its 15 minutes, with no request', async () => {
    returnWith({ code: 'late' }, { createdAt: Date.now() - 16 * 60 * 1000 })
    const onError = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />)
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0].code).toBe('expired_attempt')
    expect(log.connect).toHaveLength(0)
  })

  it('should turn access_denied into cancelled, with or without a record', async () => {
    returnWith({ error: 'access_denied' }, {})
    const onCancel = vi.fn()
    const onError = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        onCancel={onCancel}
        onError={onError}
      />,
    )
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1))
    expect(onError).not.toHaveBeenCalled()
    expect(googleButton()[0]).toHaveAttribute('data-state', 'cancelled')
    expect(screen.getByRole('status')).toHaveTextContent('Connection to Google was cancelled.')
    expect(log.connect).toHaveLength(0)
  })

  it('should report another provider error as provider_error with its description', async () => {
    returnWith({ error: 'server_error', error_description: 'Google is having a moment.' })
    const onError = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />)
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0]).toMatchObject({
      code: 'provider_error',
      providerError: 'server_error',
      description: 'Google is having a moment.',
    })
    expect(window.location.search).toBe('')
  })

  it('should leave a foreign ?code&state alone', async () => {
    window.history.replaceState(null, '', '/auth?code=theirs&state=someone-elses')
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(window.location.search).toBe('?code=theirs&state=someone-elses')
    expect(googleButton()[0]).toHaveAttribute('data-state', 'idle')
    expect(log.connect).toHaveLength(0)
  })

  it('should let only the matching provider handle a callback', async () => {
    returnWith({ code: 'outlook-code' }, { provider: 'microsoft' })
    const google = vi.fn()
    const outlook = vi.fn()
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={google} />
        <ConnectOutlookButton name="Ada" email="ada@example.com" onConnected={outlook} />
      </>,
    )
    await waitFor(() => expect(outlook).toHaveBeenCalledTimes(1))
    expect(google).not.toHaveBeenCalled()
    expect(log.connect[0]!.provider).toBe('microsoft')
    expect(googleButton()[0]).toHaveAttribute('data-state', 'idle')
  })

  it('should exchange another provider callback at once and keep it for a hook of that provider that mounts later', async () => {
    returnWith({ code: 'google-code' }, {})
    const zoom = vi.fn()
    const view = renderWithPyas(<ConnectZoomButton name="Ada" onConnected={zoom} />)
    // The client reads the return on any page: exchanged, and the address bar cleaned.
    await waitFor(() => expect(log.connect).toHaveLength(1))
    expect(log.connect[0]!.provider).toBe('google')
    await waitFor(() => expect(window.location.search).toBe(''))
    expect(screen.getByRole('button', { name: 'Connect Zoom' })).toHaveAttribute(
      'data-state',
      'idle',
    )
    const google = vi.fn()
    view.rerender(
      <>
        <ConnectZoomButton name="Ada" onConnected={zoom} />
        <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={google} />
      </>,
    )
    await waitFor(() => expect(google).toHaveBeenCalledTimes(1))
    expect(googleButton()[0]).toHaveAttribute('data-state', 'connected')
    expect(log.connect).toHaveLength(1)
    expect(zoom).not.toHaveBeenCalled()
  })

  it('should report invalid_grant when the code was already used', async () => {
    server.use(
      http.post(`${PROXY}/:provider/connect`, () =>
        HttpResponse.json({ success: false, error: 'invalid_grant', code: 400 }, { status: 400 }),
      ),
    )
    returnWith({ code: 'used' }, {})
    const onError = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />)
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'invalid_grant', status: 400 })
  })

  it('should report the missing calendar scope', async () => {
    server.use(
      http.post(`${PROXY}/:provider/connect`, () =>
        HttpResponse.json({ success: true, data: { account: account('google', ['openid']) } }),
      ),
    )
    returnWith({ code: 'partial' }, {})
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    expect(onConnected.mock.calls[0]![1].missingScopes).toEqual([
      'https://www.googleapis.com/auth/calendar.events',
    ])
  })

  it('should wait for the outcome of a second tab that claimed the code, without a request', async () => {
    const state = returnWith({ code: 'shared' }, {})
    localStorage.setItem(
      `pyas:claim:${state}`,
      JSON.stringify({ owner: 'other-tab', at: Date.now() }),
    )
    const onConnected = vi.fn()
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />,
    )
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'exchanging'))
    localStorage.setItem(
      `pyas:outcome:${state}`,
      JSON.stringify({
        status: 'connected',
        provider: 'google',
        account: account('google'),
        at: Date.now(),
      }),
    )
    await waitFor(() => expect(googleButton()[0]).toHaveAttribute('data-state', 'connected'))
    expect(log.connect).toHaveLength(0)
  })
})

describe('returnTo', () => {
  it.each([
    ['https://evil.example/steal'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/.//evil.example'],
    ['javascript:alert(1)'],
    ['settings'],
  ])('should drop %s', async (returnTo) => {
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" returnTo={returnTo} />,
    )
    googleButton()[0]!.click()
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    const state = log.oauth[0]!.searchParams.get('state')!
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!).returnTo).toBeUndefined()
  })
})

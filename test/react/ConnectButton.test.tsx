import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  ConnectButton,
  ConnectGoogleButton,
  ConnectOutlookButton,
  ConnectZoomButton,
  type PyasConnectError,
} from '../../src/index.js'
import { PROXY, renderWithPyas, STATE_RE, setupFakeProxy } from './helpers.js'

const { server, log } = setupFakeProxy()
const user = () => userEvent.setup()

describe('ConnectButton', () => {
  it('should render a native button with the default label and state attributes', () => {
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" />
        <ConnectOutlookButton name="Ada" email="ada@example.com" />
        <ConnectZoomButton name="Ada" />
      </>,
    )
    const google = screen.getByRole('button', { name: 'Connect Google Calendar' })
    expect(google).toHaveAttribute('type', 'button')
    expect(google).toHaveAttribute('data-state', 'idle')
    expect(google).toHaveAttribute('data-provider', 'google')
    expect(google).not.toHaveAttribute('aria-busy')
    expect(screen.getByRole('button', { name: 'Connect Outlook Calendar' })).toHaveAttribute(
      'data-provider',
      'microsoft',
    )
    expect(screen.getByRole('button', { name: 'Connect Zoom' })).toHaveAttribute(
      'data-provider',
      'zoom',
    )
    expect(screen.getAllByRole('status')).toHaveLength(3)
  })

  it('should create an attempt, fetch the OAuth URL and navigate on click', async () => {
    const onEvent = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton
        name="Ada Lovelace"
        email="ada@example.com"
        returnTo="/settings"
        onEvent={onEvent}
      />,
    )
    await user().click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth).toHaveLength(1)
    const sent = log.oauth[0]!
    expect(sent.pathname).toBe('/api/pyas/google/oauth')
    expect(sent.searchParams.get('email')).toBe('ada@example.com')
    const state = sent.searchParams.get('state')!
    expect(state).toMatch(STATE_RE)
    expect(navigate).toHaveBeenCalledWith(`https://consent.example/google?state=${state}`)
    const record = JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!)
    expect(record).toMatchObject({
      state,
      provider: 'google',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      returnTo: '/settings',
      mode: 'redirect',
    })
    expect(Date.now() - record.createdAt).toBeLessThan(5000)
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    expect(button).toHaveAttribute('data-state', 'redirecting')
    expect(button).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('status')).toHaveTextContent('Redirecting to Google…')
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['started', 'redirecting'])
    expect(onEvent.mock.calls[0]![0]).toMatchObject({
      provider: 'google',
      attemptId: state.slice(5, 17),
    })
  })

  it('should give every attempt its own state and storage key', async () => {
    const { navigate } = renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" />
        <ConnectOutlookButton name="Ada" email="ada@example.com" />
      </>,
    )
    await user().click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await user().click(screen.getByRole('button', { name: 'Connect Outlook Calendar' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(2))
    const states = log.oauth.map((url) => url.searchParams.get('state'))
    expect(new Set(states).size).toBe(2)
    for (const state of states) expect(localStorage.getItem(`pyas:attempt:${state}`)).not.toBeNull()
  })

  it('should not send an email for zoom', async () => {
    const { navigate } = renderWithPyas(<ConnectZoomButton name="Ada" email="ada@example.com" />)
    await user().click(screen.getByRole('button', { name: 'Connect Zoom' }))
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/zoom/oauth')
    expect(log.oauth[0]!.searchParams.has('email')).toBe(false)
  })

  it.each([
    ['a missing name', { email: 'ada@example.com' }, { name: 'Enter your name.' }],
    ['a missing email', { name: 'Ada' }, { email: 'Enter your email address.' }],
    [
      'an invalid email',
      { name: 'Ada', email: 'not-an-email' },
      { email: 'Enter a valid email address.' },
    ],
  ])('should refuse %s with invalid_request and send nothing', async (_, props, fieldErrors) => {
    const onError = vi.fn()
    const { navigate } = renderWithPyas(<ConnectGoogleButton {...props} onError={onError} />)
    await user().click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    expect(onError).toHaveBeenCalledTimes(1)
    const error: PyasConnectError = onError.mock.calls[0]![0]
    expect(error.code).toBe('invalid_request')
    expect(error.fieldErrors).toEqual(fieldErrors)
    expect(log.oauth).toHaveLength(0)
    expect(navigate).not.toHaveBeenCalled()
    expect(localStorage.length).toBe(0)
    expect(screen.getByRole('button')).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('status')).toHaveTextContent(Object.values(fieldErrors)[0]!)
  })

  it('should ignore repeat clicks while pending', async () => {
    server.use(
      http.get(`${PROXY}/:provider/oauth`, async ({ request }) => {
        log.oauth.push(new URL(request.url))
        await new Promise((resolve) => setTimeout(resolve, 50))
        return HttpResponse.json({ success: true, url: 'https://consent.example/' })
      }),
    )
    const { navigate } = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    const u = user()
    await u.click(button)
    await u.click(button)
    await u.click(button)
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth).toHaveLength(1)
    expect(localStorage.length).toBe(1)
  })

  it('should fail with storage_unavailable before any request when storage throws', async () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('denied', 'SecurityError')
      },
      removeItem: () => undefined,
      key: () => null,
      clear: () => undefined,
      length: 0,
    } satisfies Storage
    const onError = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />,
      { provider: { storage } },
    )
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    await user().click(button)
    expect(onError.mock.calls[0]![0].code).toBe('storage_unavailable')
    expect(log.oauth).toHaveLength(0)
    expect(navigate).not.toHaveBeenCalled()
  })

  it.each([
    [
      '400 errors[]',
      'invalid_request',
      () =>
        HttpResponse.json(
          {
            errors: [
              { msg: 'Invalid value', param: 'email', location: 'query' },
              { msg: 'a valid email is required.', param: 'email', location: 'query' },
            ],
          },
          { status: 400 },
        ),
    ],
    [
      '400 invalid_grant',
      'invalid_grant',
      () =>
        HttpResponse.json({ success: false, error: 'invalid_grant', code: 400 }, { status: 400 }),
    ],
    [
      '401',
      'unauthorized',
      () => HttpResponse.json({ error: 'Unauthorized. Invalid API key.' }, { status: 401 }),
    ],
    [
      '403 with HTML',
      'forbidden',
      () =>
        new HttpResponse('<h1>Forbidden</h1>', {
          status: 403,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    [
      '429',
      'rate_limited',
      () =>
        HttpResponse.json(
          { message: 'slow down', code: 429, error: 'Rate limit exceeded' },
          { status: 429, headers: { 'Retry-After': '42' } },
        ),
    ],
    [
      '404',
      'proxy_error',
      () => HttpResponse.json({ success: false, error: 'Not found', code: 404 }, { status: 404 }),
    ],
    ['502', 'proxy_error', () => HttpResponse.json({ error: 'bad_gateway' }, { status: 502 })],
    [
      'an HTML 200',
      'proxy_error',
      () =>
        new HttpResponse('<html></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    ['a 200 without url', 'proxy_error', () => HttpResponse.json({ success: true })],
    ['fetch rejecting', 'network', () => HttpResponse.error()],
  ])('should map %s from the proxy to %s', async (_, code, respond) => {
    server.use(http.get(`${PROXY}/:provider/oauth`, respond))
    const onError = vi.fn()
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton name="Ada" email="ada@example.com" onError={onError} />,
    )
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    await user().click(button)
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    const error: PyasConnectError = onError.mock.calls[0]![0]
    expect(error.code).toBe(code)
    expect(error.message.length).toBeGreaterThan(10)
    if (code === 'rate_limited') expect(error.retryAfter).toBe(42)
    // Pyas's own (English) text for a field we know gives way to the table's.
    if (code === 'invalid_request')
      expect(error.fieldErrors).toEqual({ email: 'Enter a valid email address.' })
    expect(button).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('status')).toHaveTextContent(error.message)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('should let a user onClick that calls preventDefault cancel the connect', async () => {
    const { navigate } = renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        email="ada@example.com"
        onClick={(event) => event.preventDefault()}
      />,
    )
    await user().click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Hovering prefetched the URL, but no attempt was created and the page stayed.
    expect(localStorage.length).toBe(0)
    expect(navigate).not.toHaveBeenCalled()
    expect(screen.getByRole('button')).toHaveAttribute('data-state', 'idle')
  })

  it('should forward the ref and native props, and keep hook props off the DOM', () => {
    const ref = createRef<HTMLButtonElement>()
    renderWithPyas(
      <ConnectButton
        provider="google"
        ref={ref}
        name="Ada"
        email="ada@example.com"
        className="mine"
        style={{ marginTop: 3 }}
        id="connect"
        aria-describedby="help"
        disabled
      />,
    )
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    expect(ref.current).toBe(button)
    expect(button).toHaveClass('pyas-button', 'mine')
    expect(button).toHaveStyle({ marginTop: '3px' })
    expect(button).toHaveAttribute('id', 'connect')
    expect(button).toHaveAttribute('aria-describedby', 'help')
    expect(button).toBeDisabled()
    expect(button).not.toHaveAttribute('name')
    expect(button).not.toHaveAttribute('email')
  })

  it('should stay type="button" with its state attributes whatever props come in at run time', () => {
    // TypeScript forbids these; plain JavaScript (or a spread of unknown props) can still pass them.
    const untyped = {
      type: 'submit',
      'data-state': 'connected',
      'data-provider': 'zoom',
      'aria-busy': true,
    } as Record<string, unknown>
    const onSubmit = vi.fn((event: Event) => event.preventDefault())
    renderWithPyas(
      <form onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <ConnectGoogleButton name="Ada" email="ada@example.com" {...untyped} />
      </form>,
    )
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    expect(button).toHaveAttribute('type', 'button')
    expect(button).toHaveAttribute('data-state', 'idle')
    expect(button).toHaveAttribute('data-provider', 'google')
    expect(button).not.toHaveAttribute('aria-busy')
    button.click()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('should render a function label from the flow state, and drop the look when unstyled', async () => {
    renderWithPyas(
      <ConnectGoogleButton name="Ada" email="bad" unstyled>
        {({ status, error }) => (status === 'error' ? `Retry (${error?.code})` : 'Link calendar')}
      </ConnectGoogleButton>,
    )
    const button = screen.getByRole('button', { name: 'Link calendar' })
    expect(button).not.toHaveClass('pyas-button')
    expect(button.querySelector('svg')).toBeNull()
    await user().click(button)
    expect(screen.getByRole('button', { name: 'Retry (invalid_request)' })).toBeInTheDocument()
  })

  it('should prefetch on pointer-enter and focus without creating an attempt, then use the URL once', async () => {
    const { navigate } = renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />)
    const button = screen.getByRole('button', { name: 'Connect Google Calendar' })
    const u = user()
    await u.hover(button)
    act(() => button.focus())
    await waitFor(() => expect(log.oauth).toHaveLength(1))
    expect(localStorage.length).toBe(0)
    const prefetchedState = log.oauth[0]!.searchParams.get('state')!
    await new Promise((resolve) => setTimeout(resolve, 20))
    await u.click(button)
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth).toHaveLength(1)
    expect(localStorage.getItem(`pyas:attempt:${prefetchedState}`)).not.toBeNull()
  })

  it('should not prefetch with invalid inputs or unavailable storage', async () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('blocked')
      },
      removeItem: () => undefined,
      key: () => null,
      clear: () => undefined,
      length: 0,
    } satisfies Storage
    renderWithPyas(<ConnectGoogleButton name="Ada" email="nope" />)
    renderWithPyas(<ConnectOutlookButton name="Ada" email="ada@example.com" />, {
      provider: { storage },
    })
    await user().hover(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await user().hover(screen.getByRole('button', { name: 'Connect Outlook Calendar' }))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(log.oauth).toHaveLength(0)
  })
})

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type PyasCalendarProvider,
  PyasProvider,
  pyasCalendarsKey,
  usePyasCalendars,
} from '../../src/index.js'
import { messages as de } from '../../src/locales/de.js'
import { setupCalendarsProxy } from './calendarsProxy.js'
import { makeWrapper, PROXY } from './helpers.js'

const { server, requests } = setupCalendarsProxy()

// Failed answers log a developer hint in development; kept out of the test output.
let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => warn.mockRestore())

function renderCalendars(
  options: { provider: PyasCalendarProvider; accountId: string; enabled?: boolean },
  wrapper = makeWrapper(),
) {
  const result = renderHook(() => usePyasCalendars(options), { wrapper: wrapper.Wrapper })
  return { ...result, queryClient: wrapper.queryClient }
}

describe('usePyasCalendars', () => {
  it("should list an account's calendars through the proxy, primary first", async () => {
    const { result, queryClient } = renderCalendars({ provider: 'google', accountId: 'acc-g' })
    expect(result.current.isPending).toBe(true)
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data!.map((calendar) => calendar.id)).toEqual([
      'ada@example.com',
      'team@group.calendar.google.com',
      'en.usa#holiday@group.v.calendar.google.com',
    ])
    expect(result.current.data![0]).toMatchObject({ primary: true, writable: true })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.pathname).toBe('/api/pyas/google/calendars')
    expect([...requests[0]!.searchParams]).toEqual([['accountId', 'acc-g']])
    // The query lives on the client's QueryClient, under the exported key.
    expect(queryClient.getQueryData(pyasCalendarsKey('google', 'acc-g'))).toBe(result.current.data)
  })

  it("should send the PyasProvider's headers and credentials", async () => {
    let seen: Request | undefined
    server.use(
      http.get(`${PROXY}/microsoft/calendars`, ({ request }) => {
        seen = request
        return HttpResponse.json({ success: true, data: { calendars: [] } })
      }),
    )
    const wrapper = makeWrapper({
      provider: { headers: async () => ({ 'x-csrf-token': 'tok' }), credentials: 'include' },
    })
    const { result } = renderCalendars({ provider: 'microsoft', accountId: 'acc-m' }, wrapper)
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data).toEqual([])
    expect(seen!.headers.get('x-csrf-token')).toBe('tok')
    expect(seen!.credentials).toBe('include')
  })

  it('should refetch when the app invalidates the key (a calendars.* webhook arrived)', async () => {
    const { result, queryClient } = renderCalendars({ provider: 'google', accountId: 'acc-g' })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    const before = requests.length
    await queryClient.invalidateQueries({ queryKey: pyasCalendarsKey('google', 'acc-g') })
    expect(requests).toHaveLength(before + 1)
  })

  it.each([
    ["the app's QueryClientProvider around a PyasProvider", false],
    ["a PyasProvider's queryClient prop, with no QueryClientProvider", true],
  ])('should show the new list after %s invalidates pyasCalendarsKey', async (_, asProp) => {
    const queryClient = new QueryClient()
    const wrapper = ({ children }: { children: ReactNode }) =>
      asProp ? (
        <PyasProvider proxyUrl="/api/pyas" queryClient={queryClient}>
          {children}
        </PyasProvider>
      ) : (
        <QueryClientProvider client={queryClient}>
          <PyasProvider proxyUrl="/api/pyas">{children}</PyasProvider>
        </QueryClientProvider>
      )
    const { result } = renderHook(
      () => usePyasCalendars({ provider: 'microsoft', accountId: 'acc-m' }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.data).toHaveLength(2))
    // A calendars.created webhook: the account has a new calendar upstream.
    const added = { id: 'AAMk-new', name: 'Bookings', isDefaultCalendar: false, canEdit: true }
    server.use(
      http.get(`${PROXY}/microsoft/calendars`, () =>
        HttpResponse.json({ success: true, data: { calendars: [added] } }),
      ),
    )
    await queryClient.invalidateQueries({ queryKey: pyasCalendarsKey('microsoft', 'acc-m') })
    await waitFor(() =>
      expect(result.current.data).toEqual([
        { id: 'AAMk-new', name: 'Bookings', primary: false, writable: true },
      ]),
    )
  })

  it('should map an error answer like the other proxy routes, in the messages in force', async () => {
    server.use(
      http.get(`${PROXY}/google/calendars`, () =>
        HttpResponse.json(
          { message: 'slow down', code: 429, error: 'Rate limit exceeded' },
          { status: 429, headers: { 'retry-after': '30' } },
        ),
      ),
    )
    const { result } = renderCalendars(
      { provider: 'google', accountId: 'acc-g' },
      makeWrapper({ provider: { messages: de } }),
    )
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({
      name: 'PyasConnectError',
      code: 'rate_limited',
      status: 429,
      retryAfter: 30,
    })
    expect(result.current.error!.message).toBe(
      de['error.rate_limited.retry'].replace('{seconds}', '30'),
    )
    // Not retried by itself: the picker's "Try again" (refetch) decides.
    expect(requests).toHaveLength(0)
  })

  it('should make a 404 from the proxy (route not enabled) a proxy_error', async () => {
    server.use(
      http.get(`${PROXY}/google/calendars`, () => new HttpResponse('Not Found', { status: 404 })),
    )
    const { result } = renderCalendars({ provider: 'google', accountId: 'acc-g' })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ code: 'proxy_error', status: 404 })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toContain('/api/pyas/google/calendars answered 404')
  })

  it('should refuse zoom and a missing accountId with a typed error and no request', async () => {
    const zoom = renderCalendars({
      provider: 'zoom' as PyasCalendarProvider,
      accountId: 'acc-z',
    })
    await waitFor(() => expect(zoom.result.current.isError).toBe(true))
    expect(zoom.result.current.error).toMatchObject({
      code: 'invalid_request',
      fieldErrors: { provider: 'Choose google or microsoft.' },
      message: 'Choose google or microsoft.',
    })
    const blank = renderCalendars({ provider: 'google', accountId: '' })
    await waitFor(() => expect(blank.result.current.isError).toBe(true))
    expect(blank.result.current.error).toMatchObject({
      code: 'invalid_request',
      fieldErrors: { accountId: 'Choose a connected account.' },
    })
    expect(requests).toHaveLength(0)
  })

  it('should send nothing while enabled is false', async () => {
    const { result } = renderCalendars({ provider: 'google', accountId: 'acc-g', enabled: false })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(result.current.fetchStatus).toBe('idle')
    expect(requests).toHaveLength(0)
  })

  it("should use the app's QueryClientProvider without a PyasProvider", async () => {
    const queryClient = new QueryClient()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    )
    const { result } = renderHook(
      () => usePyasCalendars({ provider: 'microsoft', accountId: 'acc-m' }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(pyasCalendarsKey('microsoft', 'acc-m'))).toEqual([
      { id: 'AAMk-default', name: 'Calendar', primary: true, writable: true, color: '#0078d4' },
      { id: 'AAMk-holidays', name: 'United States holidays', primary: false, writable: false },
    ])
  })
})

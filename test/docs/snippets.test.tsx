import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { AccountsSection } from '../../docs/snippets/AccountsSection.js'
import { CalendarButton } from '../../docs/snippets/CalendarButton.js'
import { PyasCallbackPage } from '../../docs/snippets/CallbackPage.js'
import { ConnectCalendarDialog } from '../../docs/snippets/ConnectDialog.js'
import { justOne } from '../../docs/snippets/customMessages.js'
import { Settings } from '../../docs/snippets/GermanSettings.js'
import { LinkMyCalendar } from '../../docs/snippets/LinkMyCalendar.js'
import { PopupButton } from '../../docs/snippets/PopupButton.js'
import { ConnectGoogleButton, type PyasMessages, PyasProvider } from '../../src/index.js'
import { createFakePyas, pyasHandlers } from '../../src/testing/index.js'

// The docs pages' components, run against the real proxy in front of the fake Pyas.
const fake = createFakePyas({ redirectUrl: () => window.location.href })
const server = setupServer(...pyasHandlers({ fake }))
const user = { name: 'Ada Lovelace', email: 'ada@example.com' }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  fake.reset()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

function page(ui: ReactNode, messages?: Partial<PyasMessages>) {
  const navigate = vi.fn<(url: string) => void>()
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const view = render(
    <QueryClientProvider client={queryClient}>
      <PyasProvider navigate={navigate} {...(messages ? { messages } : {})}>
        {ui}
      </PyasProvider>
    </QueryClientProvider>,
  )
  return { ...view, navigate }
}

/** Clicks `name`, follows the fake consent page's Allow and puts the return in the address bar. */
async function roundTrip(ui: ReactNode, name: string) {
  const first = page(ui)
  await userEvent.click(screen.getByRole('button', { name }))
  await waitFor(() => expect(first.navigate).toHaveBeenCalledOnce())
  first.unmount()
  window.history.replaceState(null, '', await fake.decide(first.navigate.mock.calls[0]![0]))
}

describe('docs snippets', () => {
  it('LinkMyCalendar: offers "Grant calendar access" when the calendar scope was unticked', async () => {
    window.history.replaceState(null, '', '/settings')
    fake.grantScopes('google', ['openid'])
    await roundTrip(<LinkMyCalendar user={user} />, 'Link my calendar')
    page(<LinkMyCalendar user={user} />)
    expect(await screen.findByRole('button', { name: 'Grant calendar access' })).toBeVisible()
  })

  it('PyasCallbackPage: goes back to the returnTo of the attempt', async () => {
    window.history.replaceState(null, '', '/settings/calendars')
    await roundTrip(
      <CalendarButton user={user} refreshAccounts={() => {}} />,
      'Connect Google Calendar',
    )
    const navigate = vi.fn()
    page(<PyasCallbackPage navigate={navigate} />)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/settings/calendars'))
    expect(screen.getByText('Connecting…')).toBeVisible()
  })

  it('ConnectCalendarDialog: opens the picker, which asks for name and email', async () => {
    page(<ConnectCalendarDialog refreshAccounts={() => {}} />)
    await userEvent.click(screen.getByRole('button', { name: 'Connect a calendar' }))
    const dialog = screen.getByRole('dialog', { name: 'Connect your calendar' })
    expect(dialog).toHaveTextContent('Acme uses Pyas to securely connect your account')
    expect(screen.getByRole('textbox', { name: 'Work email' })).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Connect Zoom' })).toBeNull()
  })

  it('AccountsSection: lists the saved accounts and offers to reconnect an inactive one', async () => {
    server.use(
      http.get('*/api/accounts', () =>
        HttpResponse.json([
          { accountId: 'acc_1', email: 'ada@example.com', provider: 'google', status: 'inactive' },
        ]),
      ),
    )
    const disconnect = vi.fn()
    page(<AccountsSection user={user} disconnect={disconnect} />)
    expect(await screen.findByText('Needs reconnecting')).toBeVisible()
    expect(screen.getByRole('button', { name: 'Reconnect Google Calendar' })).toBeVisible()
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(disconnect).toHaveBeenCalledWith('acc_1')
  })

  it('PopupButton: a blocked popup falls back to a same-window redirect', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { navigate } = page(<PopupButton user={user} />)
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce())
    expect(window.open).toHaveBeenCalledOnce()
  })

  it('Settings (German) and justOne: the labels come from the messages passed', () => {
    render(<Settings user={user} />)
    expect(screen.getByRole('button', { name: 'Google Kalender verbinden' })).toBeVisible()
    page(<ConnectGoogleButton email={user.email} name={user.name} />, justOne)
    expect(screen.getByRole('button', { name: 'Link your Google Calendar' })).toBeVisible()
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CalendarButton } from '../../docs/snippets/CalendarButton.js'
import { Providers } from '../../docs/snippets/Providers.js'
import { PyasProvider } from '../../src/index.js'
import { createFakePyas, pyasHandlers } from '../../src/testing/index.js'

// The README's two components, run against the real proxy in front of the fake Pyas.
const fake = createFakePyas({ redirectUrl: () => window.location.href })
const server = setupServer(...pyasHandlers({ fake }))
const user = { name: 'Ada Lovelace', email: 'ada@example.com' }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  fake.reset()
})
afterAll(() => server.close())

/** The click, with the page's navigation held: the consent URL the browser would go to. */
async function leaveForConsent(): Promise<string> {
  const navigate = vi.fn<(url: string) => void>()
  const page = render(
    <PyasProvider navigate={navigate}>
      <CalendarButton user={user} refreshAccounts={() => {}} />
    </PyasProvider>,
  )
  await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledOnce())
  page.unmount()
  return navigate.mock.calls[0]![0]
}

describe('the README quick start', () => {
  it('should finish the connect under the root provider and refresh the list once', async () => {
    window.history.replaceState(null, '', '/settings/calendars')
    const back = await fake.decide(await leaveForConsent(), 'allow')
    window.history.replaceState(null, '', back)

    const refreshAccounts = vi.fn()
    render(
      <Providers>
        <CalendarButton user={user} refreshAccounts={refreshAccounts} />
      </Providers>,
    )
    await waitFor(() => expect(refreshAccounts).toHaveBeenCalledOnce())
    expect(fake.accounts()).toEqual([expect.objectContaining({ email: 'ada@example.com' })])
    expect(window.location.search).toBe('')
  })

  it('should finish the connect on a page with no button', async () => {
    window.history.replaceState(null, '', '/settings/calendars')
    const back = await fake.decide(await leaveForConsent(), 'allow')
    window.history.replaceState(null, '', back)

    render(
      <Providers>
        <p>Another page</p>
      </Providers>,
    )
    await waitFor(() => expect(fake.accounts()).toHaveLength(1))
    await waitFor(() => expect(window.location.search).toBe(''))
  })
})

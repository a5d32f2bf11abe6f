import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, PyasProvider } from '../../src/index.js'
import { createFakePyas, pyasHandlers } from '../../src/testing/index.js'

// The Testing page shows this file: the round trip of a button against the fake, as a customer runs it.
const fake = createFakePyas({ redirectUrl: () => window.location.href })
const server = setupServer(...pyasHandlers({ fake }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  fake.reset()
})
afterAll(() => server.close())

function renderPage(navigate = vi.fn<(url: string) => void>(), onConnected = vi.fn()) {
  const { unmount } = render(
    <PyasProvider navigate={navigate}>
      <ConnectGoogleButton email="ada@example.com" name="Ada Lovelace" onConnected={onConnected} />
    </PyasProvider>,
  )
  return { navigate, onConnected, unmount }
}

/** Clicks the button and "leaves the page" for the consent URL it navigated to. */
async function clickConnect(): Promise<string> {
  const { navigate, unmount } = renderPage()
  await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledOnce())
  unmount()
  return navigate.mock.calls[0]![0]
}

describe('pyasHandlers', () => {
  it('should run the whole round trip of a ConnectGoogleButton against the fake', async () => {
    window.history.replaceState(null, '', '/settings')
    const consentUrl = await clickConnect()

    const returnUrl = await fake.decide(consentUrl, 'allow')
    window.history.replaceState(null, '', returnUrl)
    const { onConnected } = renderPage()

    await waitFor(() => expect(onConnected).toHaveBeenCalledOnce())
    expect(onConnected.mock.calls[0]![0]).toMatchObject({ email: 'ada@example.com' })
    expect(fake.accounts()).toHaveLength(1)
    expect(window.location.search).toBe('')
  })

  it('should report a cancelled attempt when the user clicks Deny', async () => {
    window.history.replaceState(null, '', '/calendar')
    const consentUrl = await clickConnect()
    window.history.replaceState(null, '', await fake.decide(consentUrl, 'deny'))
    renderPage()
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveAttribute(
        'data-state',
        'cancelled',
      ),
    )
  })

  it('should simulate the return with fake.issueCode', async () => {
    window.history.replaceState(null, '', '/profile')
    const state = new URL(await clickConnect()).searchParams.get('state')!
    const code = fake.issueCode('google', { email: 'ada@example.com', state })
    window.history.replaceState(null, '', `/profile?code=${code}&state=${state}`)
    const { onConnected } = renderPage()
    await waitFor(() => expect(onConnected).toHaveBeenCalledOnce())
  })
})

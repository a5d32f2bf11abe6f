import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { ConnectGoogleButton, PyasProvider } from '../../../src/index.js'
import { createFakePyas, pyasHandlers } from '../../../src/testing/index.js'

const fake = createFakePyas({ redirectUrl: () => window.location.href })
const server = setupServer(...pyasHandlers({ fake }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  fake.reset()
})
afterAll(() => server.close())

function renderButton() {
  const navigate = vi.fn<(url: string) => void>()
  render(
    <PyasProvider navigate={navigate}>
      <ConnectGoogleButton email="ada@example.com" name="Ada Lovelace" />
    </PyasProvider>,
  )
  return { navigate, button: screen.getByRole('button', { name: 'Connect Google Calendar' }) }
}

it('should let the hover prefetch of userEvent.click take a queued failure', async () => {
  fake.failNext('rate_limited', { retryAfter: 10 })
  const { navigate, button } = renderButton()
  // userEvent.click hovers first: the button prefetches the OAuth URL, and that request takes
  // the 429. The click then fetches again, succeeds and leaves for the consent screen.
  await userEvent.click(button)
  await waitFor(() => expect(navigate).toHaveBeenCalledOnce())
  expect(fake.requests.map((request) => request.action)).toEqual(['oauth', 'oauth'])
})

it('should show the queued failure after a click with no hover', async () => {
  fake.failNext('rate_limited', { retryAfter: 10 })
  const { navigate, button } = renderButton()
  fireEvent.click(button) // no pointer-enter, no prefetch: the click's request takes the 429
  await waitFor(() => expect(button).toHaveAttribute('data-state', 'error'))
  expect(screen.getByRole('status')).toHaveTextContent('Try again in 10 seconds.')
  expect(navigate).not.toHaveBeenCalled()
})

import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler } from 'react'
import { describe, expect, it } from 'vitest'
import { ConnectGoogleButton, type PyasAccount } from '../../src/index.js'
import { renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

setupFakeProxy()

/**
 * Renders a button in a Profiler (no StrictMode, so every commit is a real one) and counts commits.
 * `connected` resolves when the button's `onConnected` runs, i.e. when the `connected` state has
 * been handed to it: the tests wait for that event, not for a round trip to fit in a time limit
 * (under load, loading the return path and the exchange can take longer than a polling wait).
 */
function renderCounted() {
  const commits: string[] = []
  let onConnected!: (account: PyasAccount) => void
  const connected = new Promise<PyasAccount>((resolve) => {
    onConnected = resolve
  })
  const utils = renderWithPyas(
    <Profiler id="button" onRender={(_, phase) => commits.push(phase)}>
      <ConnectGoogleButton name="Ada" email="ada@example.com" onConnected={onConnected} />
    </Profiler>,
    { strict: false },
  )
  return { ...utils, commits, connected }
}

describe('render cost', () => {
  it('should commit at most 3 times from mount to connected on the return path', async () => {
    returnWith({ code: 'c' }, {})
    const { commits, connected } = renderCounted()
    await connected
    // Handed over: what is left is React committing it.
    await waitFor(() =>
      expect(screen.getByRole('button')).toHaveAttribute('data-state', 'connected'),
    )
    // mount → exchanging → connected
    expect(commits.length).toBeLessThanOrEqual(3)
    console.info(`renders per round trip (return path): ${commits.length}`)
  })

  it('should commit at most twice from mount to redirecting on click', async () => {
    const { commits, navigate, queryClient } = renderCounted()
    const button = screen.getByRole('button')
    // Hovering prefetches the OAuth URL; the click is made once it has arrived, as a user's click
    // comes after the hover's request (which is what makes the click's `preparing` and
    // `redirecting` land in one batch). Waiting for the query, not for a time, keeps this true
    // under load.
    await userEvent.hover(button)
    await waitFor(() =>
      expect(
        queryClient.getQueryCache().findAll({ queryKey: ['pyas', 'oauth-url'] })[0]?.state.status,
      ).toBe('success'),
    )
    await userEvent.click(button)
    expect(navigate).toHaveBeenCalledTimes(1)
    // mount → redirecting
    expect(commits.length).toBeLessThanOrEqual(2)
    console.info(`renders per round trip (click): ${commits.length}`)
  })
})

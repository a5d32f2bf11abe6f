import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler } from 'react'
import { describe, expect, it } from 'vitest'
import { ConnectGoogleButton } from '../../src/index.js'
import { renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

setupFakeProxy()

/** Renders a button in a Profiler (no StrictMode, so every commit is a real one) and counts commits. */
function renderCounted() {
  const commits: string[] = []
  const utils = renderWithPyas(
    <Profiler id="button" onRender={(_, phase) => commits.push(phase)}>
      <ConnectGoogleButton name="Ada" email="ada@example.com" />
    </Profiler>,
    { strict: false },
  )
  return { ...utils, commits }
}

describe('render cost', () => {
  it('should commit at most 3 times from mount to connected on the return path', async () => {
    returnWith({ code: 'c' }, {})
    const { commits } = renderCounted()
    await waitFor(() =>
      expect(screen.getByRole('button')).toHaveAttribute('data-state', 'connected'),
    )
    // mount → exchanging → connected
    expect(commits.length).toBeLessThanOrEqual(3)
    console.info(`renders per round trip (return path): ${commits.length}`)
  })

  it('should commit at most twice from mount to redirecting on click', async () => {
    const { commits, navigate } = renderCounted()
    await userEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    // mount → redirecting: userEvent hovers first, the prefetched URL is ready, and the click's
    // `preparing` and `redirecting` land in one batch.
    expect(commits.length).toBeLessThanOrEqual(2)
    console.info(`renders per round trip (click): ${commits.length}`)
  })
})

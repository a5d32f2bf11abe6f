// A client reads the return that was in the URL when it mounted. Reading is asynchronous (the
// return path loads on demand), so another app on the page may put its own return in the URL in
// between; that one is not this client's to take.
import { render, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PyasProvider } from '../../src/index.js'
import { returnWith, setupFakeProxy } from './helpers.js'

setupFakeProxy()

const STATE_A = `pyas_${'A'.repeat(43)}`
const STATE_B = `pyas_${'B'.repeat(43)}`

describe('PyasProvider', () => {
  it('should not take a return put in the URL after it mounted, while its own read was loading', async () => {
    returnWith({ error: 'access_denied', state: STATE_A }, {})
    const first = vi.fn()
    render(<PyasProvider proxyUrl="/api/pyas" onCancel={first} />)
    // Before the first provider's read has loaded, another app puts its own return in the URL.
    returnWith({ error: 'access_denied', state: STATE_B }, {})
    const second = vi.fn()
    render(<PyasProvider proxyUrl="/api/pyas" onCancel={second} />)
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(first).not.toHaveBeenCalled()
    expect(window.location.search).toBe('')
  })
})

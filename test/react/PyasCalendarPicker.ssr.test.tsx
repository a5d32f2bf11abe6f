// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { PyasCalendarPicker, PyasProvider } from '../../src/index.js'

describe('PyasCalendarPicker on the server', () => {
  it('should render its loading state without window and make no request', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <PyasProvider>
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={() => {}}
        />
        <PyasCalendarPicker
          provider="microsoft"
          accountId="acc-m"
          mode="destination"
          onChange={() => {}}
        />
      </PyasProvider>,
    )
    expect(html).toContain(
      '<legend class="pyas-calendars__legend">Check these calendars for conflicts</legend>',
    )
    expect(html).toContain('data-state="loading"')
    expect(html).toContain('Loading calendars…')
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import {
  ConnectGoogleButton,
  ConnectZoomButton,
  PyasProvider,
  usePyasCallback,
} from '../../src/index.js'

function CallbackPage() {
  const { status } = usePyasCallback()
  return <p>{status}</p>
}

describe('server rendering', () => {
  it('should render without window and make no request', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <PyasProvider>
        <ConnectGoogleButton name="Ada" email="ada@example.com" />
        <ConnectZoomButton name="Ada" />
        <CallbackPage />
      </PyasProvider>,
    )
    expect(html).toContain('Connect Google Calendar')
    expect(html).toContain('data-state="idle"')
    expect(html).toContain('<p>idle</p>')
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

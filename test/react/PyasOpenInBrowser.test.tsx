import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PyasOpenInBrowser } from '../../src/index.js'
import { messages as de } from '../../src/locales/de.js'
import { chromeIntentUrl } from '../../src/react/PyasOpenInBrowser.js'
import { PROXY, renderWithPyas, setupFakeProxy } from './helpers.js'

const { server } = setupFakeProxy()
const ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-S908B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android'
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111'
const LINK = 'https://app.example.com/connect?pyas_link=abc.def'

/** Answers POST /links like a proxy with connect links, recording each body. */
function linksRoute(answer: () => Response = () => HttpResponse.json({ url: LINK })) {
  const bodies: unknown[] = []
  server.use(
    http.post(`${PROXY}/links`, async ({ request }) => {
      bodies.push(await request.json())
      return answer()
    }),
  )
  return bodies
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  const spy = vi.fn(writeText)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: spy }, configurable: true })
  return spy
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
})

describe('PyasOpenInBrowser', () => {
  it('should explain, ask the proxy for a connect link for the provider, and copy it', async () => {
    const bodies = linksRoute()
    const writeText = stubClipboard(async () => {})
    renderWithPyas(<PyasOpenInBrowser provider="google" userAgent={IPHONE} />)
    expect(
      screen.getByText(/Sign-in is blocked inside this app\. Open this link in your browser/),
    ).toBeInTheDocument()
    const copy = screen.getByRole('button', { name: 'Copy link' })
    await waitFor(() => expect(copy).toBeEnabled())
    expect(bodies.length).toBeGreaterThan(0)
    for (const body of bodies) expect(body).toEqual({ provider: 'google' })
    await userEvent.click(copy)
    expect(writeText).toHaveBeenCalledWith(LINK)
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Link copied. Paste it into your browser.',
    )
    // No "Open in Chrome" outside Android.
    expect(screen.queryByRole('link', { name: 'Open in Chrome' })).toBeNull()
  })

  it('should offer Open in Chrome on Android as an intent link to the connect link', async () => {
    linksRoute()
    renderWithPyas(<PyasOpenInBrowser provider="microsoft" userAgent={ANDROID} />)
    const chrome = await screen.findByRole('link', { name: 'Open in Chrome' })
    expect(chrome).toHaveAttribute(
      'href',
      'intent://app.example.com/connect?pyas_link=abc.def#Intent;scheme=https;package=com.android.chrome;end',
    )
  })

  it.each([
    ['no links route', () => HttpResponse.json({ error: 'not_found' }, { status: 404 })],
    ['a signed-out user', () => HttpResponse.json({ error: 'forbidden' }, { status: 403 })],
    ['a non-http url', () => HttpResponse.json({ url: 'javascript:alert(1)' })],
    ['a network error', () => HttpResponse.error()],
  ])('should fall back to the current page with %s', async (_name, answer) => {
    linksRoute(answer)
    window.history.replaceState(null, '', '/book/ada?week=2')
    const writeText = stubClipboard(async () => {})
    renderWithPyas(<PyasOpenInBrowser userAgent={IPHONE} />)
    const copy = screen.getByRole('button', { name: 'Copy link' })
    await waitFor(() => expect(copy).toBeEnabled())
    await userEvent.click(copy)
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/book/ada?week=2`)
  })

  it('should use a given url without asking the proxy', async () => {
    const bodies = linksRoute()
    const writeText = stubClipboard(async () => {})
    renderWithPyas(<PyasOpenInBrowser url="https://app.example.com/x" userAgent={IPHONE} />)
    await userEvent.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(writeText).toHaveBeenCalledWith('https://app.example.com/x')
    expect(bodies).toEqual([])
  })

  it('should show a selected, labelled field with the link when the clipboard refuses', async () => {
    linksRoute()
    stubClipboard(async () => {
      throw new DOMException('denied', 'NotAllowedError')
    })
    renderWithPyas(<PyasOpenInBrowser userAgent={IPHONE} />)
    const copy = screen.getByRole('button', { name: 'Copy link' })
    await waitFor(() => expect(copy).toBeEnabled())
    await userEvent.click(copy)
    const field = await screen.findByLabelText('Link to open in your browser')
    expect(field).toHaveValue(LINK)
    expect(field).toHaveAttribute('readonly')
    await waitFor(() => expect(document.activeElement).toBe(field))
  })

  it('should show the field where there is no Clipboard API at all', async () => {
    linksRoute()
    renderWithPyas(<PyasOpenInBrowser userAgent={IPHONE} />)
    const copy = screen.getByRole('button', { name: 'Copy link' })
    await waitFor(() => expect(copy).toBeEnabled())
    await userEvent.click(copy)
    expect(await screen.findByLabelText('Link to open in your browser')).toHaveValue(LINK)
  })

  it('should speak the messages in force', async () => {
    linksRoute()
    renderWithPyas(<PyasOpenInBrowser userAgent={ANDROID} />, { provider: { messages: de } })
    expect(screen.getByRole('button', { name: 'Link kopieren' })).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'In Chrome öffnen' })).toBeInTheDocument()
  })
})

describe('chromeIntentUrl', () => {
  it('should keep host, path and query and name the scheme', () => {
    expect(chromeIntentUrl('http://localhost:5173/a/b?x=1#frag')).toBe(
      'intent://localhost:5173/a/b?x=1#Intent;scheme=http;package=com.android.chrome;end',
    )
  })
  it('should refuse anything but http(s)', () => {
    expect(chromeIntentUrl('javascript:alert(1)')).toBeUndefined()
    expect(chromeIntentUrl('not a url')).toBeUndefined()
  })
})

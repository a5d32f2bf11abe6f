import type { Meta, StoryObj } from '@storybook/react-vite'
import { HttpResponse, http } from 'msw'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { PyasOpenInBrowser } from '../src/index.js'
import type { PyasStoryParameters } from './support/harness.js'
import { expectNoHorizontalOverflow } from './support/layoutChecks.js'
import { messagesOf } from './support/locales.js'

const LINK = 'https://app.example.com/settings/calendars?pyas_link=eyJ2IjoxfQ.c2lnbmF0dXJl'
const INSTAGRAM_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111'
const INSTAGRAM_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-S908B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android'

/** The proxy's connect links route, answering a link for the signed-in user. */
const linksRoute = http.post('/api/pyas/links', () => HttpResponse.json({ url: LINK }))

/**
 * What a page shows in an in-app browser (Instagram, Facebook, LinkedIn, TikTok…), where Google and
 * Microsoft refuse to sign in: why, a "Copy link" button, and on Android "Open in Chrome". The
 * link comes from the proxy's connect links (so the user stays themselves in the other browser),
 * else it is the page's own URL. The buttons render it in place of their status line.
 */
const meta = {
  title: 'Components/PyasOpenInBrowser',
  component: PyasOpenInBrowser,
  args: { provider: 'google', userAgent: INSTAGRAM_IOS },
  parameters: {
    layout: 'padded',
    pyas: { readout: false } satisfies PyasStoryParameters,
    msw: { handlers: { links: [linksRoute] } },
  },
} satisfies Meta<typeof PyasOpenInBrowser>

export default meta
type Story = StoryObj<typeof meta>

/** Instagram on an iPhone: the explanation and "Copy link"; no Chrome link outside Android. */
export const InAppOnIPhone: Story = {
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    await expect(canvas.getByText(t['openInBrowser.text'])).toBeVisible()
    const copy = canvas.getByRole('button', { name: t['openInBrowser.copy'] })
    await waitFor(() => expect(copy).toBeEnabled())
    await expect(canvas.queryByRole('link', { name: t['openInBrowser.chrome'] })).toBeNull()
    await expectNoHorizontalOverflow(canvasElement)
  },
}

/** Instagram on Android: "Open in Chrome" is an intent link to the connect link. */
export const InAppOnAndroid: Story = {
  args: { userAgent: INSTAGRAM_ANDROID },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const chrome = await within(canvasElement).findByRole('link', {
      name: t['openInBrowser.chrome'],
    })
    await expect(chrome.getAttribute('href')).toBe(
      `intent://app.example.com/settings/calendars?pyas_link=eyJ2IjoxfQ.c2lnbmF0dXJl#Intent;scheme=https;package=com.android.chrome;end`,
    )
  },
}

/**
 * Where the Clipboard API is refused (as in many in-app browsers), the link appears in a labelled
 * field, focused and selected, for the platform's own copy menu.
 */
export const ClipboardRefused: Story = {
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    })
    try {
      const copy = canvas.getByRole('button', { name: t['openInBrowser.copy'] })
      await waitFor(() => expect(copy).toBeEnabled())
      await userEvent.click(copy)
      const field = await canvas.findByLabelText(t['openInBrowser.field'])
      await expect(field).toHaveValue(LINK)
      await waitFor(() => expect(field).toHaveFocus())
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
  },
}

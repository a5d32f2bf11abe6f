import type { Meta, StoryObj } from '@storybook/react-vite'
import { HttpResponse, http } from 'msw'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConnectGoogleButton, type ConnectGoogleButtonProps } from '../src/index.js'
import { buttonArgs, buttonArgTypes } from './support/buttonMeta.js'
import { expectNoHorizontalOverflow } from './support/layoutChecks.js'
import { messagesOf } from './support/locales.js'
import {
  allStatesStory,
  darkBackgroundStory,
  hiddenStatusStory,
  stateStory,
  themedStory,
  unstyledStory,
} from './support/stateStories.js'

/** `ConnectButton` with `provider="google"`, labelled “Connect Google Calendar” by default. */
const meta = {
  title: 'Components/ConnectGoogleButton',
  component: ConnectGoogleButton,
  args: buttonArgs(),
  argTypes: buttonArgTypes,
} satisfies Meta<typeof ConnectGoogleButton>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = stateStory('Idle', 'google')
export const Preparing: Story = stateStory('Preparing', 'google')
export const Redirecting: Story = stateStory('Redirecting', 'google')
export const Exchanging: Story = stateStory('Exchanging', 'google')
export const Connected: Story = stateStory('Connected', 'google')
export const Cancelled: Story = stateStory('Cancelled', 'google')
export const InvalidEmail: Story = stateStory('InvalidEmail', 'google')
export const Unauthorized: Story = stateStory('Unauthorized', 'google')
export const RateLimited: Story = stateStory('RateLimited', 'google')
export const NetworkError: Story = stateStory('NetworkError', 'google')
export const StateMismatch: Story = stateStory('StateMismatch', 'google')
export const AllStates: Story = allStatesStory(
  'ConnectGoogleButton',
  (args: ConnectGoogleButtonProps) => <ConnectGoogleButton {...args} />,
  'google',
)
/** `statusDisplay="hidden"`: the message is announced, and the app shows it its own way. */
export const StatusHidden: Story = hiddenStatusStory('InvalidEmail', 'google')
export const Unstyled: Story = unstyledStory()
export const Themed: Story = themedStory()
export const DarkBackground: Story = darkBackgroundStory()

const INSTAGRAM_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-S908B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android'
const LINK = 'https://app.example.com/settings/calendars?pyas_link=eyJ2IjoxfQ.c2lnbmF0dXJl'

/**
 * In Instagram's in-app browser, where Google refuses to sign in: the click opens nothing and
 * fails with `embedded_browser`, and the button shows `PyasOpenInBrowser` (loaded on demand) in
 * place of its status line, with a connect link from the proxy to copy or open in Chrome.
 */
export const InAppBrowser: Story = {
  parameters: {
    msw: {
      handlers: {
        links: [http.post('/api/pyas/links', () => HttpResponse.json({ url: LINK }))],
      },
    },
  },
  beforeEach() {
    Object.defineProperty(navigator, 'userAgent', { value: INSTAGRAM_ANDROID, configurable: true })
    // The own property hides the browser's getter; deleting it brings the real agent back.
    return () => {
      delete (navigator as { userAgent?: string }).userAgent
    }
  },
  async play({ canvasElement, globals, args }) {
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    const button = canvas.getByRole('button', { name: t['label.google'] })
    await userEvent.click(button)
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'error'))
    // The live region still says why; PyasOpenInBrowser has its own (for "Copied").
    const live = canvasElement.querySelector('[aria-live="polite"]')
    await expect(live?.textContent).toBe(t['error.embedded_browser'])
    const copy = await canvas.findByRole('button', { name: t['openInBrowser.copy'] })
    await waitFor(() => expect(copy).toBeEnabled())
    const chrome = canvas.getByRole('link', { name: t['openInBrowser.chrome'] })
    await expect(chrome.getAttribute('href')).toContain('package=com.android.chrome')
    await expect(args.onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'failed' }))
    await expectNoHorizontalOverflow(canvasElement)
  },
}

/** The `x-pyas-link` header of each OAuth URL request the link story's proxy answered. */
const linkHeaders: Array<string | null> = []
// Claims {v:1, jti, userId, provider:'google', exp}, then a signature the proxy would check.
const LINK_TOKEN =
  'eyJ2IjoxLCJqdGkiOiJqMSIsInVzZXJJZCI6InUxIiwicHJvdmlkZXIiOiJnb29nbGUiLCJleHAiOjIwMDAwMDAwMDB9.c2lnbmF0dXJl'

/**
 * A page opened from a connect link (`?pyas_link=`): the token leaves the address bar on mount,
 * and the connect sends it as `x-pyas-link` (the proxy then authorizes by the link).
 */
export const FromConnectLink: Story = {
  parameters: {
    msw: {
      handlers: {
        // In place of the default proxy: answers the OAuth URL and records the link header.
        pyas: [
          http.get('/api/pyas/:provider/oauth', ({ request }) => {
            linkHeaders.push(request.headers.get('x-pyas-link'))
            const state = new URL(request.url).searchParams.get('state')
            return HttpResponse.json({
              success: true,
              url: `https://consent.example/?state=${state}`,
            })
          }),
        ],
      },
    },
  },
  beforeEach() {
    linkHeaders.length = 0
    const before = window.location.href
    const url = new URL(before)
    url.searchParams.set('pyas_link', LINK_TOKEN)
    window.history.replaceState(window.history.state, '', url.href)
    return () => window.history.replaceState(window.history.state, '', before)
  },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    await waitFor(() => expect(window.location.search).not.toContain('pyas_link'))
    const button = within(canvasElement).getByRole('button', { name: t['label.google'] })
    await userEvent.click(button)
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'redirecting'))
    await expect(linkHeaders).toEqual([LINK_TOKEN])
    const kept = Object.keys(localStorage)
      .filter((key) => key.startsWith('pyas:attempt:'))
      .map((key) => JSON.parse(localStorage.getItem(key) as string).link)
    await expect(kept).toContain(LINK_TOKEN)
  },
}

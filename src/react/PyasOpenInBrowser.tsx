'use client'
import {
  type ComponentPropsWithoutRef,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import { canUseDOM } from '../core/env.js'
import { enOpenInBrowser } from '../core/messages.js'
import type { ProviderId } from '../core/providers.js'
import { createProxyRequest, pickUrl } from '../core/proxyClient.js'
import { PyasContext } from './PyasProvider.js'
import { usePyasMessages } from './usePyasMessages.js'

/** Props of {@link PyasOpenInBrowser}: these, plus every native `<div>` prop. */
export interface PyasOpenInBrowserProps extends ComponentPropsWithoutRef<'div'> {
  /** The provider the user was connecting; a connect link the proxy makes is limited to it. */
  provider?: ProviderId
  /**
   * The link to open in the other browser. Without it, the proxy is asked for a connect link for
   * the signed-in user (`POST {proxyUrl}/links`), and where it offers none, the current page's URL.
   */
  url?: string
  /** Decides whether to offer Android's "Open in Chrome". @defaultValue `navigator.userAgent` */
  userAgent?: string
  /** Drop the default class names (and so the default look). */
  unstyled?: boolean
}

/** `intent://` form of an http(s) URL: Android opens it in Chrome, out of the in-app browser. */
export function chromeIntentUrl(url: string): string | undefined {
  try {
    const { protocol, host, pathname, search } = new URL(url)
    if (protocol !== 'https:' && protocol !== 'http:') return undefined
    const scheme = protocol.slice(0, -1)
    return `intent://${host}${pathname}${search}#Intent;scheme=${scheme};package=com.android.chrome;end`
  } catch {
    return undefined
  }
}

/**
 * What a page shows in an in-app browser (Instagram, Facebook, LinkedIn, TikTok…), where Google
 * and Microsoft refuse to sign in: a short explanation, a "Copy link" button (with a selectable
 * field where the Clipboard API is missing or refused), and on Android an "Open in Chrome" link.
 * The buttons and the dialog render it in place of their status line on `embedded_browser`.
 */
export function PyasOpenInBrowser({
  provider,
  url,
  userAgent,
  unstyled,
  className,
  ...rest
}: PyasOpenInBrowserProps) {
  const config = useContext(PyasContext)
  const messages = usePyasMessages(enOpenInBrowser)
  const [fetched, setFetched] = useState<string>()
  const [copied, setCopied] = useState<'yes' | 'failed'>()
  const fieldRef = useRef<HTMLInputElement>(null)
  const fieldId = useId()
  const link = url ?? fetched

  useEffect(() => {
    if (url !== undefined) return
    // Under StrictMode's double mount in development the first request is aborted; a link it
    // minted is never shown, and an unused link grants nothing.
    const controller = new AbortController()
    // Any failure (no links route, a signed-out user, a network error) falls back to this page:
    // opened in the other browser, it still lets the user connect after signing in there.
    // `POST {proxyUrl}/links`: a connect link for the signed-in user, where the proxy offers them.
    const init = {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider }),
    }
    createProxyRequest(config)('/links', init, pickUrl)
      .catch(() => window.location.href)
      .then((found) => controller.signal.aborted || setFetched(found))
    return () => controller.abort()
  }, [config, provider, url])

  // Where copying failed, the link is put in the user's hands: focused and selected, ready for the
  // platform's own copy menu.
  useEffect(() => {
    if (copied !== 'failed') return
    fieldRef.current?.focus()
    fieldRef.current?.select()
  }, [copied])

  const copy = useCallback(() => {
    if (!link) return
    const clipboard = canUseDOM() ? navigator.clipboard : undefined
    Promise.resolve(clipboard ? clipboard.writeText(link) : Promise.reject())
      .then(() => setCopied('yes'))
      .catch(() => setCopied('failed'))
  }, [link])

  const agent = userAgent ?? (canUseDOM() ? navigator.userAgent : '')
  const intent = link && /Android/i.test(agent) ? chromeIntentUrl(link) : undefined
  const part = (name: string) => (unstyled ? undefined : `pyas-open-in-browser__${name}`)

  return (
    <div
      {...rest}
      className={
        [unstyled ? undefined : 'pyas-open-in-browser', className].filter(Boolean).join(' ') ||
        undefined
      }
      data-link={link ? 'ready' : 'pending'}
    >
      <p className={part('text')}>{messages['openInBrowser.text']}</p>
      <div className={part('actions')}>
        <button type="button" className={part('copy')} disabled={!link} onClick={copy}>
          {messages['openInBrowser.copy']}
        </button>
        {intent ? (
          <a className={part('chrome')} href={intent}>
            {messages['openInBrowser.chrome']}
          </a>
        ) : null}
      </div>
      {copied === 'failed' && link ? (
        <div className={part('field')}>
          <label htmlFor={fieldId}>{messages['openInBrowser.field']}</label>
          <input
            id={fieldId}
            ref={fieldRef}
            type="url"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      ) : null}
      <p role="status" className={unstyled ? 'pyas-visually-hidden' : part('status')}>
        {copied === 'yes' ? messages['openInBrowser.copied'] : ''}
      </p>
    </div>
  )
}

// For `React.lazy`, which the buttons load it with.
export default PyasOpenInBrowser

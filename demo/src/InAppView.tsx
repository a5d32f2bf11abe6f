import { inAppBrowser, PyasOpenInBrowser } from '../../src/index.js'
import { emulatedInApp } from './inAppEmulation.js'
import './inApp.css'

/** The in-app browser this page runs in (real, or emulated by `?inapp=`), read once per load. */
const inApp = inAppBrowser()

const VIA_LINK = 'acme-demo:via-link'

/**
 * Whether this tab was opened from a connect link. Read while this module loads, before the
 * library mounts and takes `pyas_link` out of the address; kept for the tab, so the page still
 * says it after the provider's redirect back.
 */
const openedFromLink = (() => {
  try {
    if (new URLSearchParams(window.location.search).has('pyas_link')) {
      window.sessionStorage.setItem(VIA_LINK, '1')
    }
    return window.sessionStorage.getItem(VIA_LINK) === '1'
  } catch {
    return new URLSearchParams(window.location.search).has('pyas_link')
  }
})()

const APP_NAMES: Record<string, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  snapchat: 'Snapchat',
  twitter: 'X',
  line: 'LINE',
  wechat: 'WeChat',
}

/** This page's address with `?inapp=` set to `value`, or removed. */
function withInApp(value: string | null) {
  const url = new URL(window.location.href)
  if (value === null) url.searchParams.delete('inapp')
  else url.searchParams.set('inapp', value)
  return `${url.pathname}${url.search}${url.hash}`
}

/** The page tools' link into the emulated in-app view, or out of it; nothing in a real one. */
export function InAppViewLink() {
  if (inApp && !emulatedInApp) return null
  return (
    <a
      className="button button--ghost button--small"
      href={withInApp(emulatedInApp ? null : 'instagram')}
    >
      {emulatedInApp ? 'Leave the in-app view' : 'In-app browser view'}
    </a>
  )
}

/**
 * In an in-app browser, before the user even tries: Google and Microsoft refuse to sign in here,
 * so the page offers at once what the buttons would offer after a click — a connect link, minted
 * by the proxy for the signed-in user, to open in a real browser.
 */
export function InAppView({ ready }: { ready: boolean }) {
  if (openedFromLink && !inApp) return <LinkNotice />
  if (!inApp) return null
  const where = APP_NAMES[inApp] ? `${APP_NAMES[inApp]}’s in-app browser` : 'an in-app browser'
  return (
    <section className="card inapp" aria-labelledby="inapp-heading">
      <h2 id="inapp-heading">Open this page in your browser</h2>
      <p className="card__hint">
        This page is open in {where}
        {emulatedInApp ? ' (emulated by the demo)' : ''}. Google and Outlook do not allow signing in
        here. The link below connects a calendar to your Acme account from Safari or Chrome, without
        signing in there; it works once, for an hour.
      </p>
      {/* The link is minted for the signed-in user: only once the session exists. */}
      {ready ? <PyasOpenInBrowser className="inapp__open" /> : null}
    </section>
  )
}

/** A page opened from a connect link: what is connected here goes to the link's user. */
function LinkNotice() {
  return (
    <section className="card inapp" aria-labelledby="inapp-heading">
      <h2 id="inapp-heading">Opened from a connect link</h2>
      <p className="card__hint">
        A calendar you connect here is saved for the Acme user who sent the link, not for this
        browser’s session: it appears in their list of connected accounts, not in the one below. A
        link connects once.
      </p>
    </section>
  )
}

// The demo's "In-app browser" view: `?inapp=instagram` (iPhone) or `?inapp=instagram-android`
// makes this page report a real Instagram in-app browser's user agent, as if it had been opened
// from a link in Instagram. The library reads `navigator.userAgent` when a connect starts (and
// PyasOpenInBrowser when it decides on "Open in Chrome"), and takes no user agent from the app,
// so the demo overrides `navigator.userAgent` itself, before the app starts: main.tsx imports
// this module first. A real in-app browser needs none of this.

/** Real user agents of Instagram's in-app browser (iOS WKWebView and Android WebView). */
export const IN_APP_USER_AGENTS = {
  instagram:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 532277069)',
  'instagram-android':
    'Mozilla/5.0 (Linux; Android 13; SM-S908B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android (33/13; 480dpi; 1080x2316; samsung; SM-S908B; b0q; qcom; en_GB; 541635863)',
} as const

export type EmulatedInApp = keyof typeof IN_APP_USER_AGENTS

const isEmulated = (value: string | null): value is EmulatedInApp =>
  value !== null && Object.hasOwn(IN_APP_USER_AGENTS, value)

/** The in-app browser this page emulates (from `?inapp=`), or `null`. */
export const emulatedInApp: EmulatedInApp | null = (() => {
  const asked = new URLSearchParams(window.location.search).get('inapp')
  return isEmulated(asked) ? asked : null
})()

if (emulatedInApp) {
  const userAgent = IN_APP_USER_AGENTS[emulatedInApp]
  Object.defineProperty(navigator, 'userAgent', { get: () => userAgent, configurable: true })
}

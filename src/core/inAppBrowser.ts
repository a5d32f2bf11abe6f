/** The in-app browsers {@link inAppBrowser} names; `'webview'` is any other Android or iOS webview. */
export type PyasInAppBrowser =
  | 'instagram'
  | 'facebook'
  | 'linkedin'
  | 'tiktok'
  | 'snapchat'
  | 'twitter'
  | 'line'
  | 'wechat'
  | 'webview'

/**
 * Each app's own mark in its user agent, checked in this order. WeChat comes before Facebook
 * because "MicroMessenger" contains "Messenger"; every named app comes before the generic webview
 * rules because most of them are webviews too (Instagram on Android carries `; wv)`).
 */
const APPS: ReadonlyArray<readonly [PyasInAppBrowser, RegExp]> = [
  ['instagram', /\bInstagram\b/],
  ['wechat', /MicroMessenger\//],
  // FBAN/FBAV/FB_IAB: the Facebook app on iOS and Android; Messenger as MessengerForiOS or Orca.
  ['facebook', /FBAN\/|FBAV\/|FB_IAB\/|\bMessenger/],
  ['linkedin', /LinkedInApp/],
  // TikTok calls itself musical_ly (iOS) or trill (Android), and its webview BytedanceWebview.
  ['tiktok', /musical_ly|Bytedance|\btrill_|TikTok/],
  ['snapchat', /Snapchat\//],
  ['twitter', /Twitter(?:Android| for i)/],
  ['line', / Line\/\d/],
]

/**
 * Names the in-app browser the page runs in, or `null` for a real browser (Chrome, Safari,
 * Firefox, Edge, Samsung Internet, desktop or mobile). Google refuses to sign in inside these
 * (`403 disallowed_useragent`), and Microsoft often does too.
 *
 * Besides the named apps, an Android webview says `; wv)` and an iOS `WKWebView` page lacks the
 * `Safari/` token every iOS browser (Safari, Chrome's CriOS, Firefox's FxiOS, Edge) sends.
 *
 * @param userAgent - defaults to `navigator.userAgent`; `null` where there is no `navigator` (SSR).
 */
export function inAppBrowser(
  userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent,
): PyasInAppBrowser | null {
  if (typeof userAgent !== 'string') return null
  for (const [name, mark] of APPS) if (mark.test(userAgent)) return name
  if (/; wv\)/.test(userAgent)) return 'webview'
  if (/\((?:iPhone|iPad|iPod)/.test(userAgent) && !/Safari\//.test(userAgent)) return 'webview'
  return null
}

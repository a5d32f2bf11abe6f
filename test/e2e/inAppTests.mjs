// In-app browsers and connect links, on the demo: a page whose user agent is a real Instagram
// in-app browser's (Playwright's `userAgent`) cannot sign in to Google, so Connect offers a connect
// link minted for its signed-in user; that link, opened in another browser with no session,
// connects the account for that user, once.
import {
  ADA,
  accountRows,
  buttonInState,
  connectButton,
  isConsentUrl,
  openDemo,
} from './demoPage.mjs'
import { check, same } from './harness.mjs'
import { expectNoSeriousViolations } from './qualityTests.mjs'
import { recordTraffic } from './traffic.mjs'

const INSTAGRAM_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 532277069)'
const INSTAGRAM_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-S908B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android (33/13; 480dpi; 1080x2316; samsung; SM-S908B; b0q; qcom; en_GB; 541635863)'
const LINK_INVALID = 'This connect link has expired or was already used. Ask for a new one.'
const PHONE = { width: 360, height: 780 }

/** The connect panel's own PyasOpenInBrowser (the in-app view above it has another). */
const panelOpenInBrowser = (page) =>
  page.locator('section[aria-labelledby="connect-heading"] .pyas-open-in-browser')

/** The saved accounts of the session of `context` (its cookies), from the demo's API. */
async function accountIdsOf(context, demo) {
  const response = await context.request.get(`${demo.url}api/accounts`)
  same(response.status(), 200, 'GET /api/accounts')
  return (await response.json()).accounts.map((account) => account.accountId)
}

/** Presses Connect Google in a browser without the in-app block, then Allow; the connect answer. */
async function connectThroughLink(page) {
  await connectButton(page, 'google').click()
  await page.waitForURL(isConsentUrl)
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === '/api/pyas/google/connect',
  )
  await page.getByRole('button', { name: 'Allow' }).click()
  return answered
}

/** Nothing the browser was not meant to see, in a second context: the harness checks the first. */
async function noLeaks(traffic) {
  const problems = await traffic.problems()
  check(problems.length === 0, problems.join('; '))
}

export const inAppTests = [
  {
    name: 'In-app (Instagram iOS): Connect offers a link; another browser connects it for this user, once',
    contextOptions: {
      userAgent: INSTAGRAM_IOS,
      viewport: PHONE,
      permissions: ['clipboard-read', 'clipboard-write'],
    },
    timeoutMs: 45_000,
    async run({ context, page, traffic, demo }) {
      const mark = demo.mark()
      await openDemo(page, demo, ADA)
      const before = page.url()
      const requestsBefore = traffic.requests.length
      const navigations = []
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url())
      })

      // Connect Google: no OAuth URL asked for, no consent page, no navigation; a link instead.
      await connectButton(page, 'google').click()
      const open = panelOpenInBrowser(page)
      await open.and(page.locator('[data-link="ready"]')).waitFor()
      await buttonInState(page, 'google', 'error').waitFor()
      const after = traffic.requests.slice(requestsBefore).map((request) => request.url)
      check(
        !after.some((url) => /\/google\/oauth|\/fake-pyas\//.test(url)),
        `requests after Connect: ${after.join(', ')}`,
      )
      same(navigations.length, 0, 'navigations after Connect')
      same(page.url(), before, 'the page URL')

      await open.getByRole('button', { name: 'Copy link' }).click()
      await open.getByRole('status').filter({ hasText: /\S/ }).waitFor()
      const link = await page.evaluate(() => navigator.clipboard.readText())
      const token = new URL(link).searchParams.get('pyas_link')
      check(token, `the copied link carries a connect link token: ${link}`)
      same(new URL(link).origin, demo.origin, 'the link opens the demo')
      const claims = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'))
      same(claims.provider, 'google', 'the link is for the provider pressed')
      same(await accountRows(page).count(), 0, 'accounts of A before')

      // Browser B: a fresh context (no cookies, a desktop user agent) opens the link.
      const other = await context.browser().newContext({ viewport: { width: 1280, height: 900 } })
      try {
        const otherTraffic = recordTraffic(other, { secret: demo.fakeKey })
        const second = await other.newPage()
        await second.goto(link)
        await second.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor()
        await connectButton(second, 'google').and(second.locator(':enabled')).waitFor()
        check(
          !new URL(second.url()).searchParams.has('pyas_link'),
          `the token left the address bar: ${second.url()}`,
        )
        const notice = second.getByRole('heading', { name: 'Opened from a connect link' })
        await notice.waitFor()
        const connected = await connectThroughLink(second)
        same(connected.status(), 200, 'POST /google/connect through the link')
        const { account } = (await connected.json()).data
        await buttonInState(second, 'google', 'connected').waitFor()
        check(await notice.isVisible(), 'the link notice after the provider’s redirect back')

        // Saved for A (the link's user), not for B's own session.
        check((await accountIdsOf(context, demo)).includes(account.accountId), 'A owns the account')
        same((await accountIdsOf(other, demo)).length, 0, 'accounts of B')
        await page.reload()
        await page.locator('.account__id', { hasText: account.accountId }).waitFor()
        same(await accountRows(page).count(), 1, 'accounts of A on the page')

        // The same link again: spent.
        await second.goto(link)
        await connectButton(second, 'google').and(second.locator(':enabled')).waitFor()
        const again = await connectThroughLink(second)
        same(again.status(), 403, 'POST /google/connect with a used link')
        same((await again.json()).error, 'link_invalid', 'the proxy’s answer')
        await buttonInState(second, 'google', 'error').waitFor()
        await second.getByText(LINK_INVALID).first().waitFor()
        same((await accountIdsOf(context, demo)).length, 1, 'accounts of A after the second use')
        await noLeaks(otherTraffic)
      } finally {
        await other.close()
      }

      // The token is in no line the demo server printed (proxy log, errors).
      const output = demo.output.slice(mark).join('\n')
      const [payload, signature] = token.split('.')
      check(!output.includes(signature) && !output.includes(payload), 'the token in the server log')
      check(/POST \/api\/pyas\/links → 200/.test(output), 'the proxy logged POST /links')
    },
  },
  {
    name: 'In-app view (emulated from the page link, 360 px, axe): a connect link ready, Android offers Chrome',
    contextOptions: { viewport: PHONE },
    async run({ page, traffic, demo }) {
      await openDemo(page, demo)
      await page.getByRole('link', { name: 'In-app browser view' }).click()
      await page.waitForURL((url) => new URL(url).searchParams.get('inapp') === 'instagram')
      const view = page.locator('section.inapp')
      await view.getByRole('heading', { name: 'Open this page in your browser' }).waitFor()
      await view.locator('.pyas-open-in-browser[data-link="ready"]').waitFor()
      same(
        await page.evaluate(() => navigator.userAgent.includes('Instagram')),
        true,
        'the emulated user agent',
      )
      const wide = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      same(wide, 0, 'sideways scroll at 360 px')
      await connectButton(page, 'google').click()
      await panelOpenInBrowser(page).waitFor()
      same(traffic.count('GET', '/api/pyas/google/oauth'), 0, 'GET oauth in the in-app view')
      await panelOpenInBrowser(page).and(page.locator('[data-link="ready"]')).waitFor()
      await expectNoSeriousViolations(page, 'in-app view, after Connect Google')

      // The Android emulation offers "Open in Chrome" with a link for this user.
      await page.goto(`${demo.url}?inapp=instagram-android`)
      const chrome = page.locator('section.inapp').getByRole('link', { name: 'Open in Chrome' })
      await chrome.waitFor()
      const intent = await chrome.getAttribute('href')
      check(
        /^intent:\/\/127\.0\.0\.1:\d+\/\?pyas_link=[\w-]+\.[\w-]+#Intent;scheme=http;package=com\.android\.chrome;end$/.test(
          intent,
        ),
        `Open in Chrome: ${intent}`,
      )
      await page.getByRole('link', { name: 'Leave the in-app view' }).click()
      await page.waitForURL((url) => !new URL(url).searchParams.has('inapp'))
      await page.getByRole('link', { name: 'In-app browser view' }).waitFor()
      same(await page.locator('section.inapp').count(), 0, 'the in-app view after leaving')
    },
  },
  {
    name: 'In-app (Instagram Android, real user agent): Connect Outlook opens nothing and offers Chrome',
    contextOptions: { userAgent: INSTAGRAM_ANDROID, viewport: PHONE },
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      await page.locator('section.inapp .pyas-open-in-browser[data-link="ready"]').waitFor()
      same(await page.getByRole('link', { name: 'Leave the in-app view' }).count(), 0, 'leave link')
      await connectButton(page, 'microsoft').click()
      await panelOpenInBrowser(page).getByRole('link', { name: 'Open in Chrome' }).waitFor()
      same(traffic.count('GET', '/api/pyas/microsoft/oauth'), 0, 'GET oauth')
    },
  },
]

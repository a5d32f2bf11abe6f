// Redirect round trips through the real demo server, proxy and fake consent page.

import {
  ADA,
  accountRow,
  accountRows,
  alertText,
  buttonInState,
  connectButton,
  connectRedirect,
  countOf,
  isConsentUrl,
  openDemo,
  proxyCallsSince,
} from './demoPage.mjs'
import { check, same } from './harness.mjs'

const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' }

/** Exactly one GET oauth and one POST connect, seen by the browser and by the proxy. */
async function expectOneRoundTrip({ traffic, demo, mark }, provider) {
  const oauth = `GET /api/pyas/${provider}/oauth`
  const connect = `POST /api/pyas/${provider}/connect`
  same(traffic.count('GET', `/api/pyas/${provider}/oauth`), 1, `browser ${oauth}`)
  same(traffic.count('POST', `/api/pyas/${provider}/connect`), 1, `browser ${connect}`)
  const proxied = await proxyCallsSince(demo, mark)
  same(countOf(proxied, oauth), 1, `proxy ${oauth}`)
  same(countOf(proxied, connect), 1, `proxy ${connect}`)
}

export const roundTripTests = [
  {
    name: 'Google round trip: consent, Allow, account shown, URL cleaned',
    async run({ page, traffic, demo }) {
      const mark = demo.mark()
      await openDemo(page, demo, GRACE)
      const { account } = await connectRedirect(page, 'google')
      same(account.email, GRACE.email, 'account email')
      const row = accountRows(page).filter({ hasText: account.accountId })
      check((await row.textContent()).includes(GRACE.email), 'the row shows the email')
      await buttonInState(page, 'google', 'connected').waitFor()
      const url = new URL(page.url())
      same(url.pathname, '/', 'back on the demo page')
      check(!url.searchParams.has('code') && !url.searchParams.has('state'), `URL kept ${url}`)
      same(await alertText(page), '', 'alert region')
      const log = page.locator('.log__entry[data-type="connected"]')
      await log.first().waitFor()
      await expectOneRoundTrip({ traffic, demo, mark }, 'google')
    },
  },
  {
    name: 'Deny on the consent page shows cancelled',
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      await connectRedirect(page, 'google', { decision: 'deny' })
      const banner = page.getByRole('status').filter({ hasText: 'Nothing was shared' })
      await banner.waitFor()
      check(await banner.isVisible(), 'the cancelled notice is visible')
      same(await accountRows(page).count(), 0, 'accounts')
      same(await alertText(page), '', 'alert region')
      same(traffic.count('POST', '/api/pyas/google/connect'), 0, 'POST connect after Deny')
      check(!new URL(page.url()).searchParams.has('error'), 'the error parameter was cleaned')
    },
  },
  {
    name: 'Reload of the callback URL: still connected, no second POST',
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      const { account } = await connectRedirect(page, 'google')
      const [callbackUrl] = traffic.callbackUrls()
      check(callbackUrl, 'the callback URL (with ?code=) was recorded')
      const mark = demo.mark()
      await page.goto(callbackUrl)
      await buttonInState(page, 'google', 'connected').waitFor()
      await page.locator('.account__id', { hasText: account.accountId }).waitFor()
      same(await accountRows(page).count(), 1, 'accounts')
      same(await alertText(page), '', 'alert region')
      check(!new URL(page.url()).searchParams.has('code'), 'the reloaded URL was cleaned')
      same(traffic.count('POST', '/api/pyas/google/connect'), 1, 'browser POSTs')
      const proxied = await proxyCallsSince(demo, mark, { settleMs: 500 })
      same(countOf(proxied, 'POST /api/pyas/google/connect'), 0, 'POSTs reaching the proxy')
    },
  },
  {
    name: 'Back button after connecting: no second POST, no error',
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      await connectRedirect(page, 'google')
      const mark = demo.mark()
      await page.goBack()
      check(isConsentUrl(page.url()), `one step back is the consent page, got ${page.url()}`)
      await page.goBack()
      same(new URL(page.url()).pathname, '/', 'two steps back is the demo page')
      await page.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor()
      await page.waitForTimeout(300)
      const state = await connectButton(page, 'google').getAttribute('data-state')
      check(['idle', 'connected'].includes(state), `the Google button is ${state}`)
      same(await alertText(page), '', 'alert region')
      same(await accountRows(page).count(), 1, 'accounts')
      // Forward again to the (cleaned) callback entry: still nothing to exchange.
      await page.goForward()
      await page.goForward()
      await page.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor()
      await page.waitForTimeout(300)
      same(await alertText(page), '', 'alert region after forward')
      same(traffic.count('POST', '/api/pyas/google/connect'), 1, 'browser POSTs')
      const proxied = await proxyCallsSince(demo, mark)
      same(countOf(proxied, 'POST /api/pyas/google/connect'), 0, 'POSTs reaching the proxy')
    },
  },
  {
    name: 'Traffic: hover prefetch, then one GET oauth + one POST connect, no x-api-key',
    async run({ page, traffic, demo }) {
      const mark = demo.mark()
      await openDemo(page, demo, ADA)
      const prefetched = page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/pyas/google/oauth',
      )
      await connectButton(page, 'google').hover()
      const oauthResponse = await prefetched
      const consentUrl = new URL((await oauthResponse.json()).url)
      same(traffic.count('GET', '/api/pyas/google/oauth'), 1, 'GET after hover')
      await connectRedirect(page, 'google')
      const consentVisited = traffic.requests.find(
        (request) => request.type === 'document' && isConsentUrl(request.url),
      )
      same(
        new URL(consentVisited.url).searchParams.get('state'),
        consentUrl.searchParams.get('state'),
        'the click used the prefetched URL',
      )
      await expectOneRoundTrip({ traffic, demo, mark }, 'google')
      const stray = traffic
        .proxyRequests()
        .filter(
          (line) =>
            !/^(GET \/api\/pyas\/google\/oauth|POST \/api\/pyas\/google\/connect)$/.test(line),
        )
      same(stray.length, 0, `other proxy requests (${stray.join(', ')})`)
      // No x-api-key header and no key in any response: checked by the harness for every test.
    },
  },
  {
    name: 'Outlook round trip',
    async run({ page, traffic, demo }) {
      const mark = demo.mark()
      await openDemo(page, demo, GRACE)
      const { account } = await connectRedirect(page, 'microsoft')
      same(account.provider, 'microsoft', 'provider')
      same(account.email, GRACE.email, 'account email')
      const row = accountRows(page).filter({ hasText: account.accountId })
      check((await row.textContent()).includes('Outlook Calendar'), 'the row names Outlook')
      await expectOneRoundTrip({ traffic, demo, mark }, 'microsoft')
    },
  },
  {
    name: 'Zoom round trip (no email sent)',
    async run({ page, traffic, demo }) {
      const mark = demo.mark()
      await openDemo(page, demo, ADA)
      const { account } = await connectRedirect(page, 'zoom')
      same(account.provider, 'zoom', 'provider')
      const oauth = traffic.requests.find((request) => request.url.includes('/api/pyas/zoom/oauth'))
      check(!new URL(oauth.url).searchParams.has('email'), `zoom oauth sent an email: ${oauth.url}`)
      const row = accountRows(page).filter({ hasText: account.accountId })
      check((await row.textContent()).includes('Zoom'), 'the row names Zoom')
      await expectOneRoundTrip({ traffic, demo, mark }, 'zoom')
    },
  },
  {
    name: 'Invalid email: error in the alert region, nothing sent',
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, { name: 'Ada Lovelace', email: 'not-an-email' })
      await connectButton(page, 'google').click()
      await buttonInState(page, 'google', 'error').waitFor()
      const alert = await alertText(page)
      check(alert.includes('invalid_request'), `alert says: ${alert}`)
      same(traffic.proxyRequests().length, 0, 'proxy requests')
    },
  },
  {
    name: 'Accounts survive a reload; Disconnect removes one',
    async run({ page, demo }) {
      await openDemo(page, demo, ADA)
      const { account } = await connectRedirect(page, 'zoom')
      await page.reload()
      await page.locator('.account__id', { hasText: account.accountId }).waitFor()
      await accountRow(page, account.accountId).getByRole('button', { name: 'Disconnect' }).click()
      await page.getByText('No calendar connected yet').waitFor()
      same(await accountRows(page).count(), 0, 'accounts after Disconnect')
      await page.reload()
      await page.getByText('No calendar connected yet').waitFor()
    },
  },
]

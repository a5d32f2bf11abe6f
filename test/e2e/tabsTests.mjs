// Several tabs loading one callback URL at once: the code is single-use, so exactly one tab may
// send it to the proxy. The others wait (a Web Lock in every current browser) and show the outcome.

import {
  ADA,
  alertText,
  buttonInState,
  connectButton,
  countOf,
  isConsentUrl,
  openDemo,
  proxyCallsSince,
} from './demoPage.mjs'
import { check, same } from './harness.mjs'

const TABS = 4
const ROUNDS = 10
const CONNECT = 'POST /api/pyas/google/connect'

/** Counts the page's Web Lock requests, to prove the production code path takes the lock. */
function countLockRequests() {
  const { locks } = navigator
  const request = locks.request.bind(locks)
  window.__pyasLockRequests = []
  locks.request = (name, ...rest) => {
    window.__pyasLockRequests.push(name)
    return request(name, ...rest)
  }
}

/**
 * Starts a Google connect in `page` and clicks Allow, but stops the browser at the callback: the
 * fresh `?code&state` URL is returned unvisited, its attempt record saved in the context's storage.
 */
async function freshCallbackUrl(page, demo) {
  let captured
  const isDecision = (url) => url.pathname === '/fake-pyas/consent/decision'
  // The consent page answers its form with a redirect to the callback: read it, do not follow it.
  await page.route(isDecision, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    captured = new URL(response.headers().location, demo.origin).href
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>held back</p>' })
  })
  await openDemo(page, demo, ADA)
  await connectButton(page, 'google').click()
  await page.waitForURL(isConsentUrl)
  await page.getByRole('button', { name: 'Allow' }).click()
  await page.getByText('held back').waitFor()
  await page.unroute(isDecision)
  check(captured && new URL(captured).searchParams.has('code'), `the callback URL: ${captured}`)
  return captured
}

export const tabsTests = [
  {
    name: `Tabs: ${TABS} tabs load one callback URL at once, ${ROUNDS} rounds → one POST connect per round, every tab connected`,
    timeoutMs: 180_000,
    async run({ context, page, traffic, demo, metrics }) {
      await context.addInitScript(countLockRequests)
      const posts = []
      const lockTabs = []
      for (let round = 1; round <= ROUNDS; round++) {
        const callbackUrl = await freshCallbackUrl(page, demo)
        const state = new URL(callbackUrl).searchParams.get('state')
        const mark = demo.mark()
        const browserBefore = traffic.count('POST', '/api/pyas/google/connect')
        const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()))
        await Promise.all(tabs.map((tab) => tab.goto(callbackUrl)))
        await Promise.all(tabs.map((tab) => buttonInState(tab, 'google', 'connected').waitFor()))
        const proxied = countOf(await proxyCallsSince(demo, mark), CONNECT)
        const sent = traffic.count('POST', '/api/pyas/google/connect') - browserBefore
        posts.push(proxied)
        same(sent, 1, `round ${round}: POST connect sent by the ${TABS} tabs`)
        same(proxied, 1, `round ${round}: POST connect reaching the proxy`)
        let locked = 0
        for (const [index, tab] of tabs.entries()) {
          same(await alertText(tab), '', `round ${round}, tab ${index + 1}: alert region`)
          check(!new URL(tab.url()).searchParams.has('code'), `round ${round}: URL cleaned`)
          // A tab that loads after the outcome was stored replays it without asking for the lock.
          const names = await tab.evaluate(() => window.__pyasLockRequests)
          if (names.includes(`pyas:exchange:${state}`)) locked++
        }
        check(locked >= 1, `round ${round}: the exchange ran under no Web Lock`)
        lockTabs.push(locked)
        await Promise.all(tabs.map((tab) => tab.close()))
      }
      metrics.tabRace = { tabs: TABS, rounds: ROUNDS, postsPerRound: posts, lockTabs }
      console.log(
        `  ${TABS}-tab race: POST connect per round [${posts}], tabs that took the lock [${lockTabs}]`,
      )
    },
  },
]

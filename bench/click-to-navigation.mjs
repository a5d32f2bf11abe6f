// How long from the click on "Connect Google Calendar" until the browser starts navigating to the
// consent page, with and without the button's prefetch (pointer-enter / focus), in headless
// Chromium against the demo (bundled, offline mode).
//
//   node bench/click-to-navigation.mjs          BENCH_RUNS=20 (per variant), CHROMIUM_PATH
//
// Both ends are read inside the browser on one clock: the click's `performance.timeOrigin +
// event.timeStamp` (kept in sessionStorage, which the same-origin consent page can read) and the
// consent page's `performance.timeOrigin`, i.e. the start of its navigation.
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../scripts/chromium.mjs'
import { startDemo } from '../test/e2e/demoServer.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const LABEL = /^Connect Google Calendar/

const VARIANTS = [
  {
    name: 'no prefetch (synthetic click, no pointer events)',
    async click(button) {
      await button.evaluate((element) => element.click())
    },
  },
  {
    name: 'pointer moves in and clicks at once (prefetch just started)',
    async click(button) {
      await button.click()
    },
  },
  {
    name: 'hover first, prefetch finished, then click',
    async click(button, page) {
      const prefetched = page.waitForResponse((response) =>
        response.url().includes('/api/pyas/google/oauth'),
      )
      await button.hover()
      await prefetched
      await button.click()
    },
  },
]

function recordClicks() {
  document.addEventListener(
    'click',
    (event) =>
      sessionStorage.setItem('bench:clickAt', String(performance.timeOrigin + event.timeStamp)),
    true,
  )
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

// React's production build, as a customer ships it (the e2e tests keep the development build).
process.env.PYAS_DEMO_MODE = 'production'
const demo = await startDemo()
const browser = await chromium.launch(chromiumLaunchOptions)

const rows = []
try {
  for (const variant of VARIANTS) {
    const context = await browser.newContext()
    await context.addInitScript(recordClicks)
    const samples = []
    // One warm-up run per variant, not counted.
    for (let run = 0; run <= RUNS; run += 1) {
      const page = await context.newPage()
      await page.goto(demo.url)
      await page.getByLabel('Work email').fill(`bench${run}@example.com`)
      const button = page.getByRole('button', { name: LABEL })
      await button.waitFor()
      await variant.click(button, page)
      await page.waitForURL((url) => url.pathname === '/fake-pyas/consent')
      const ms = await page.evaluate(
        () => performance.timeOrigin - Number(sessionStorage.getItem('bench:clickAt')),
      )
      if (run > 0) samples.push(ms)
      await page.close()
    }
    await context.close()
    const sorted = samples.sort((a, b) => a - b)
    rows.push({ name: variant.name, sorted })
  }
} finally {
  await browser.close()
  await demo.stop()
}

const fmt = (ms) => ms.toFixed(1)
console.log(`\nClick → consent-page navigation start, headless Chromium, ${RUNS} runs each\n`)
console.log('| variant | median (ms) | p90 (ms) | min (ms) | max (ms) |')
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const { name, sorted } of rows) {
  console.log(
    `| ${name} | ${fmt(percentile(sorted, 0.5))} | ${fmt(percentile(sorted, 0.9))} | ${fmt(sorted[0])} | ${fmt(sorted.at(-1))} |`,
  )
}

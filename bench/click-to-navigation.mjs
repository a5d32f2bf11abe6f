// How long from the click on "Connect Google Calendar" until the browser starts navigating to the
// consent page, with and without the button's prefetch (pointer-enter / focus), in headless
// Chromium against the demo (bundled, offline mode).
//
//   node bench/click-to-navigation.mjs          BENCH_RUNS=20 (per variant), CHROMIUM_PATH
//
// Both ends are read inside the browser on one clock: the click's `performance.timeOrigin +
// event.timeStamp` (kept in sessionStorage, which the same-origin consent page can read) and the
// consent page's `performance.timeOrigin`, i.e. the start of its navigation. A second clock starts
// when the first listener sees the click (a window capture listener): the time before it is the
// input pipeline (Playwright → Chromium → the renderer), the same for any page.
//
// The last row is the floor on this machine: the same page, hovered the same way, but a capture
// listener swallows the click and calls `location.assign` at once, with no library code at all.
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../scripts/chromium.mjs'
import { startDemo } from '../test/e2e/demoServer.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const LABEL = /^Connect Google Calendar/

const hoverThenClick = async (button, page) => {
  const prefetched = page.waitForResponse((response) =>
    response.url().includes('/api/pyas/google/oauth'),
  )
  await button.hover()
  // Focus prefetches too (a no-op when the hover already did): the pointer may already rest where
  // the button is, and then a new page sees no pointer-enter.
  await button.focus()
  await prefetched
  await button.click()
}

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
  { name: 'hover first, prefetch finished, then click', goal: true, click: hoverThenClick },
  {
    name: 'floor: same page and clicks, a bare `location.assign` instead of the library',
    async click(button, page) {
      await page.evaluate(() =>
        window.addEventListener(
          'click',
          (event) => {
            event.stopImmediatePropagation()
            location.assign('/fake-pyas/consent?bench=floor')
          },
          true,
        ),
      )
      await hoverThenClick(button, page)
    },
  },
]

function recordClicks() {
  // Added before any page script, so it is the first listener to see the click.
  window.addEventListener(
    'click',
    (event) => {
      sessionStorage.setItem('bench:clickAt', String(performance.timeOrigin + event.timeStamp))
      sessionStorage.setItem('bench:handlerAt', String(performance.timeOrigin + performance.now()))
    },
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
      // Enabled once the demo's session call answered (the proxy needs a signed-in user).
      await button.and(page.locator(':enabled')).waitFor()
      await variant.click(button, page)
      await page.waitForURL((url) => url.pathname === '/fake-pyas/consent')
      const ms = await page.evaluate(() => {
        const at = (key) => Number(sessionStorage.getItem(key))
        const start = performance.timeOrigin
        return {
          fromClick: start - at('bench:clickAt'),
          fromHandler: start - at('bench:handlerAt'),
        }
      })
      if (run > 0) samples.push(ms)
      await page.close()
    }
    await context.close()
    const sorted = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)
    rows.push({ ...variant, fromClick: sorted('fromClick'), fromHandler: sorted('fromHandler') })
  }
} finally {
  await browser.close()
  await demo.stop()
}

const fmt = (ms) => ms.toFixed(1)
const median = (sorted) => percentile(sorted, 0.5)
console.log(`\nClick → consent-page navigation start, headless Chromium, ${RUNS} runs each\n`)
console.log(
  '| variant | median (ms) | p90 (ms) | min (ms) | max (ms) | median from the first click listener (ms) |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const { name, fromClick, fromHandler } of rows) {
  console.log(
    `| ${name} | ${fmt(median(fromClick))} | ${fmt(percentile(fromClick, 0.9))} | ${fmt(fromClick[0])} | ${fmt(fromClick.at(-1))} | ${fmt(median(fromHandler))} |`,
  )
}
const goal = rows.find((row) => row.goal)
const floor = rows.at(-1)
const over = median(goal.fromClick) - median(floor.fromClick)
console.log(
  `\nWith prefetch: ${fmt(median(goal.fromClick))} ms median (goal ≤ 16 ms, ${median(goal.fromClick) <= 16 ? 'met' : 'not met'}); ` +
    `the bare-assign floor on this machine is ${fmt(median(floor.fromClick))} ms, so the library adds ${fmt(over)} ms ` +
    `(${fmt(median(goal.fromHandler) - median(floor.fromHandler))} ms from the first click listener).`,
)

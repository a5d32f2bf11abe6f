// Accessibility (axe-core), the screenshot, and the click-to-connected time.
import { mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import {
  ADA,
  accountRow,
  connectButton,
  connectRedirect,
  isConsentUrl,
  openDemo,
} from './demoPage.mjs'
import { check } from './harness.mjs'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))

/**
 * Runs axe on the page; fails on any serious or critical violation, listing them. It first waits
 * for every finite animation (the dialog's fade-in, its backdrop) to end: mid-fade, text is
 * half-transparent and axe would measure a contrast the user never sees once the dialog is open.
 */
export async function expectNoSeriousViolations(page, where) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  const violations = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  check(
    serious.length === 0,
    `${where}: ${serious.map((v) => `${v.id} (${v.impact}) at ${v.targets.join(', ')}`).join('; ')}`,
  )
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

export const qualityTests = [
  {
    name: 'axe: demo page (empty, connected, dialog open) has no serious or critical violations',
    async run({ page, demo }) {
      await openDemo(page, demo)
      await expectNoSeriousViolations(page, 'demo page, nothing connected')
      await connectRedirect(page, 'zoom')
      await expectNoSeriousViolations(page, 'demo page, one account')
      await page.getByRole('button', { name: 'Choose a provider…' }).click()
      await page.getByRole('dialog').waitFor()
      await expectNoSeriousViolations(page, 'demo page, provider dialog open')
    },
  },
  {
    name: 'axe: fake consent page has no serious or critical violations',
    // The consent page's CSP (default-src 'none') would block the injected axe script.
    contextOptions: { bypassCSP: true },
    async run({ page, demo }) {
      await openDemo(page, demo, ADA)
      await connectButton(page, 'google').click()
      await page.waitForURL(isConsentUrl)
      await expectNoSeriousViolations(page, 'consent page')
    },
  },
  {
    name: 'Click-to-connected time and screenshot',
    timeoutMs: 60_000,
    serial: true, // alone, so the other lane does not skew the timing
    async run({ page, demo, metrics }) {
      await openDemo(page, demo, ADA)
      const samples = []
      for (let run = 0; run < 3; run += 1) {
        const { account, ms } = await connectRedirect(page, 'google')
        samples.push(ms)
        if (run < 2) {
          await accountRow(page, account.accountId)
            .getByRole('button', { name: 'Disconnect' })
            .click()
          await page.getByText('No calendar connected yet').waitFor()
        }
      }
      metrics.clickToConnectedMs = median(samples)
      metrics.clickToConnectedSamplesMs = samples
      await connectRedirect(page, 'zoom')
      await page.mouse.move(0, 0)
      await mkdir(RESULTS_DIR, { recursive: true })
      await page.screenshot({ path: `${RESULTS_DIR}demo-connected.png`, fullPage: true })
      console.log(
        `  click-to-connected (Google, redirect, Allow automated): median ${metrics.clickToConnectedMs} ms of [${samples.join(', ')}]`,
      )
    },
  },
]

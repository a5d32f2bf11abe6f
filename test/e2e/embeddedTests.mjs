// The Embedded view: a host page on `localhost` framing the demo on `127.0.0.1` (another site),
// where mode 'auto' connects in a popup. Each test runs in two launches of Chromium:
//   - `partitioned`: Chrome's default storage partitioning (our own later --disable-features
//     replaces Playwright's, which turns partitioning off): the frame has its own storage, the
//     popup (top level) does not see it and BroadcastChannel does not reach the frame; only
//     `window.opener.postMessage` does.
//   - `blocked`: Playwright's default launch, standing for browsers that block third-party storage:
//     any localStorage access in the frame throws.

import { ADA, allowInPopup, connectButton, isConsentUrl, openDemo } from './demoPage.mjs'
import { check, same } from './harness.mjs'

const POPUP_BLOCKED = 'The sign-in window was blocked. Allow pop-ups and retry.'

/** The host page on localhost and its cross-site frame, signed in and ready. */
async function openEmbedded(page, demo) {
  await page.goto(`http://localhost:${demo.port}/embedded`)
  const frame = page.frameLocator('iframe[title^="Acme Scheduling"]')
  await frame.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor()
  await connectButton(frame, 'google').and(frame.locator(':enabled')).waitFor()
  const handle = page.frames().find((each) => each.url().startsWith(`${demo.origin}/`))
  check(handle, `the frame is on ${demo.origin}`)
  return { frame, handle }
}

const connectPosts = (traffic) => traffic.count('POST', '/api/pyas/google/connect')

function embeddedConnect(launch) {
  return {
    name: `Embedded (${launch}): Connect in the cross-site frame → popup → Allow → popup closes, frame connected, one POST`,
    browser: launch,
    async run({ context, page, traffic, demo }) {
      const { frame, handle } = await openEmbedded(page, demo)
      const storage = await handle.evaluate(() => {
        try {
          window.localStorage.getItem('probe')
          return 'available'
        } catch (error) {
          return error instanceof Error ? error.name : String(error)
        }
      })
      if (launch === 'blocked') same(storage, 'SecurityError', 'frame localStorage')
      else same(storage, 'available', 'frame localStorage (partitioned)')
      const hostNavigations = []
      page.on('framenavigated', (navigated) => hostNavigations.push(navigated.url()))

      const opened = context.waitForEvent('page')
      await connectButton(frame, 'google').click()
      const popup = await opened
      await popup.waitForURL(isConsentUrl).catch(async (error) => {
        // Say what the frame shows when the popup never reached the consent page.
        const alert = await frame.getByRole('alert').first().textContent()
        throw new Error(
          `the popup did not reach the consent page (${error.message}); the frame says: ${alert}`,
        )
      })
      same(new URL(popup.url()).origin, demo.origin, 'the consent page opens on the frame’s origin')
      await allowInPopup(popup)
      await frame
        .locator('button[data-provider="google"][data-state="connected"]')
        .first()
        .waitFor()
      const status = await frame.locator('.pyas-status, [role="status"]').allTextContents()
      check(
        status.some((text) => text.includes(ADA.email)),
        `the frame says connected as ${ADA.email}: ${status.join(' | ')}`,
      )
      // Saved for the frame's own session (its cookie is partitioned to this embedding).
      await frame.locator('ul.accounts > li[data-status="active"]').waitFor()
      same(connectPosts(traffic), 1, 'POST /connect')
      same(new URL(page.url()).pathname, '/embedded', 'the host page stayed')
      check(
        hostNavigations.every((url) => !isConsentUrl(url)),
        `no frame or page went to the consent screen: ${hostNavigations.join(', ')}`,
      )
      same(
        (await frame.getByRole('alert').first().textContent())?.trim() ?? '',
        '',
        'alert region in the frame',
      )
    },
  }
}

function embeddedBlockedPopup(launch) {
  return {
    name: `Embedded (${launch}): popup blocked → the frame shows popup_blocked, no redirect`,
    browser: launch,
    async run({ context, page, traffic, demo }) {
      // What a popup blocker does to the page: window.open returns null.
      await context.addInitScript(() => {
        if (window.top !== window.self) window.open = () => null
      })
      const { frame } = await openEmbedded(page, demo)
      let popups = 0
      context.on('page', () => {
        popups += 1
      })
      await connectButton(frame, 'google').click()
      await frame.locator('button[data-provider="google"][data-state="error"]').waitFor()
      const alert = await frame.getByRole('alert').first().textContent()
      check(alert?.includes(POPUP_BLOCKED), `the frame's alert says: ${alert}`)
      check(alert?.includes('popup_blocked'), `the frame's alert names the code: ${alert}`)
      same(popups, 0, 'popups')
      same(new URL(page.url()).pathname, '/embedded', 'the host page stayed')
      const frameUrl = page
        .frames()
        .find((each) => each.url().startsWith(`${demo.origin}/`))
        ?.url()
      same(frameUrl && new URL(frameUrl).pathname, '/', 'the frame stayed on the app')
      same(connectPosts(traffic), 0, 'POST /connect')
    },
  }
}

export const embeddedTests = [
  embeddedConnect('partitioned'),
  embeddedConnect('blocked'),
  embeddedBlockedPopup('partitioned'),
  embeddedBlockedPopup('blocked'),
  {
    name: 'Top level, mode Automatic (the default): a same-window redirect, no popup',
    async run({ context, page, demo }) {
      await openDemo(page, demo, ADA)
      same(
        await page.getByRole('radio', { name: /Automatic/ }).isChecked(),
        true,
        'Automatic is the default mode',
      )
      let popups = 0
      context.on('page', () => {
        popups += 1
      })
      await connectButton(page, 'google').click()
      await page.waitForURL(isConsentUrl)
      same(popups, 0, 'popups')
    },
  },
]

// The account lifecycle through the demo's server: rows saved by the proxy's onConnected, read
// back from GET /api/accounts, kept across a restart, and changed by the fake's webhooks.

import {
  ADA,
  accountRow,
  accountRows,
  alertText,
  connectRedirect,
  isConsentUrl,
  openDemo,
} from './demoPage.mjs'
import { check, same } from './harness.mjs'

/** The accounts the server holds for this browser's session (cookies of the context). */
async function serverAccounts(page, demo) {
  const response = await page.request.get(`${demo.origin}/api/accounts`)
  same(response.status(), 200, 'GET /api/accounts')
  return (await response.json()).accounts
}

export const lifecycleTests = [
  {
    name: 'Lifecycle: connect → saved on the server → restart → Revoke (simulate) → Needs reconnecting → Reconnect → same row active',
    timeoutMs: 90_000,
    serial: true, // restarts its demo server
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      const { account } = await connectRedirect(page, 'google')
      const row = accountRow(page, account.accountId)
      same(await row.getAttribute('data-status'), 'active', 'row status')
      check((await row.textContent()).includes('Connected'), 'the row says Connected')
      const saved = await serverAccounts(page, demo)
      same(saved.length, 1, 'rows on the server')
      same(saved[0].accountId, account.accountId, 'saved accountId')

      await demo.restart()
      await openDemo(page, demo)
      await row.waitFor()
      same(await accountRows(page).count(), 1, 'rows after the restart')
      same(await row.getAttribute('data-status'), 'active', 'row status after the restart')

      const mark = demo.mark()
      await row.getByRole('button', { name: 'Revoke access (simulate)' }).click()
      await page.locator(`ul.accounts > li[data-status="inactive"]`).waitFor()
      check((await row.textContent()).includes('Needs reconnecting'), 'the row needs reconnecting')
      check(
        demo.output
          .slice(mark)
          .some((line) => /^\[webhook\] POST \/api\/webhooks\/pyas → 204/.test(line)),
        'the account.inactive webhook reached /api/webhooks/pyas and was accepted',
      )
      same((await serverAccounts(page, demo))[0].status, 'inactive', 'status on the server')

      const reconnect = row.getByRole('button', { name: 'Reconnect Google Calendar' })
      await reconnect.click()
      await page.waitForURL(isConsentUrl)
      const consentEmail = new URL(page.url()).searchParams.get('email')
      const exchanged = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/pyas/google/connect',
      )
      await page.getByRole('button', { name: 'Allow' }).click()
      const again = (await (await exchanged).json()).data.account
      same(again.accountId, account.accountId, 'the reconnect keeps the accountId')
      await page.locator(`ul.accounts > li[data-status="active"]`).waitFor()
      same(await accountRows(page).count(), 1, 'rows after the reconnect (no duplicate)')
      same(await row.getAttribute('data-status'), 'active', 'row status after the reconnect')
      const after = await serverAccounts(page, demo)
      same(after.length, 1, 'rows on the server after the reconnect')
      same(after[0].status, 'active', 'status on the server after the reconnect')
      same(await alertText(page), '', 'alert region')
      check(consentEmail === null || consentEmail === ADA.email, `consent email ${consentEmail}`)
      same(
        traffic.count('POST', '/api/pyas/google/connect'),
        2,
        'POST connect (connect + reconnect)',
      )
    },
  },
  {
    name: 'Use another account on the consent page: the page says the email differs',
    async run({ page, demo }) {
      await openDemo(page, demo, ADA)
      await page.getByRole('button', { name: /^Connect Google Calendar/ }).click()
      await page.waitForURL(isConsentUrl)
      await page.getByRole('button', { name: 'Use another account' }).click()
      await page.getByLabel('Email address').fill('ada.other@example.com')
      await page.getByRole('button', { name: 'Next' }).click()
      const exchanged = page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/pyas/google/connect',
      )
      await page.getByRole('button', { name: 'Allow' }).click()
      const { account } = (await (await exchanged).json()).data
      same(account.email, 'ada.other@example.com', 'connected email')
      const note = page
        .getByRole('status')
        .filter({ hasText: 'not the email you asked for (ada@example.com)' })
      await note.waitFor()
      check(
        (await note.textContent()).includes('Connected ada.other@example.com'),
        'the note names the connected email',
      )
      await accountRow(page, account.accountId).waitFor()
    },
  },
  {
    name: 'Webhook endpoint: 401 without the token, 401 with a wrong one',
    async run({ page, demo }) {
      const headers = {
        'x-pyas-account-id': 'acc_1',
        'x-pyas-webhook-event': 'account.inactive',
        'x-provider': 'Google',
      }
      const none = await page.request.post(`${demo.origin}/api/webhooks/pyas`, { headers })
      same(none.status(), 401, 'without a token')
      same((await none.json()).error, 'unauthorized', 'error')
      const wrong = await page.request.post(
        `${demo.origin}/api/webhooks/pyas?token=not-the-secret-at-all`,
        { headers },
      )
      same(wrong.status(), 401, 'with a wrong token')
    },
  },
  {
    name: 'Language picker: the library speaks German, Arabic sets dir="rtl"',
    async run({ page, demo }) {
      await openDemo(page, demo)
      await page.getByLabel('Language').selectOption('de')
      await page.getByRole('button', { name: /^Google Kalender verbinden/ }).waitFor()
      same(await page.evaluate(() => document.documentElement.lang), 'de', 'lang')
      await page.getByLabel('Language').selectOption('ar')
      same(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir')
      same(await page.evaluate(() => document.documentElement.lang), 'ar', 'lang')
      await page.reload()
      same(await page.getByLabel('Language').inputValue(), 'ar', 'the choice survives a reload')
    },
  },
]

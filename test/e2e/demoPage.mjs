// Page helpers for the demo: open it as a user, run one redirect round trip, read what it shows.
import { check } from './harness.mjs'

export const LABELS = {
  google: 'Connect Google Calendar',
  microsoft: 'Connect Outlook Calendar',
  zoom: 'Connect Zoom',
}

export const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' }

/** The provider's connect button, by role and its default label (not "Disconnect …"). */
export const connectButton = (page, provider) =>
  page.getByRole('button', { name: new RegExp(`^${LABELS[provider]}`) })

/** The button by its `data-state`, e.g. to wait for `connected`. */
export const buttonInState = (page, provider, state) =>
  page.locator(`button[data-provider="${provider}"][data-state="${state}"]`)

/** The saved accounts' rows (PyasAccountList, filled from GET /api/accounts). */
export const accountRows = (page) => page.locator('ul.accounts > li')

/** The row of one account, by its id. */
export const accountRow = (page, accountId) => accountRows(page).filter({ hasText: accountId })

export async function openDemo(page, demo, user) {
  await page.goto(demo.url)
  await page.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor()
  // Signed in (the session call answered): the buttons are enabled from then on.
  await connectButton(page, 'google').and(page.locator(':enabled')).waitFor()
  if (user) {
    await page.getByLabel('Full name').fill(user.name)
    await page.getByLabel('Work email').fill(user.email)
  }
}

const isConnectResponse = (provider) => (response) =>
  response.request().method() === 'POST' &&
  new URL(response.url()).pathname === `/api/pyas/${provider}/connect`

export const isConsentUrl = (url) => new URL(url).pathname === '/fake-pyas/consent'

/**
 * Clicks Allow on the consent page inside `popup` and waits until the popup has closed. The popup
 * may close before the click's own bookkeeping finishes: that is the point, not a failure.
 */
export async function allowInPopup(popup) {
  const closed = popup.waitForEvent('close', { timeout: 15_000 })
  await popup
    .getByRole('button', { name: 'Allow' })
    .click()
    .catch((error) => {
      if (!popup.isClosed()) throw error
    })
  await closed
}

/**
 * Clicks the provider's button, then Allow (or Deny) on the fake consent page, and waits until the
 * demo shows the account (or the cancelled state). `ms` runs from the click to the account shown.
 */
export async function connectRedirect(page, provider, { decision = 'allow', before } = {}) {
  await before?.()
  const started = performance.now()
  await connectButton(page, provider).click()
  await page.waitForURL(isConsentUrl)
  if (decision === 'deny') {
    await page.getByRole('button', { name: 'Deny' }).click()
    await buttonInState(page, provider, 'cancelled').waitFor()
    return { ms: Math.round(performance.now() - started) }
  }
  const exchanged = page.waitForResponse(isConnectResponse(provider))
  await page.getByRole('button', { name: 'Allow' }).click()
  const response = await exchanged
  check(response.status() === 200, `POST /${provider}/connect answered ${response.status()}`)
  const { account } = (await response.json()).data
  await page.locator('.account__id', { hasText: account.accountId }).waitFor()
  const ms = Math.round(performance.now() - started)
  return { account, ms }
}

/** Waits for the proxy's own log to show `count` calls of `method path` since `mark`, then a beat more. */
export async function proxyCallsSince(demo, mark, { settleMs = 250 } = {}) {
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  return demo.proxyCalls(mark).map((call) => `${call.method} ${call.path}`)
}

export const countOf = (lines, line) => lines.filter((each) => each === line).length

/** The text of the `role="alert"` region (empty when there is no error). */
export const alertText = async (page) =>
  ((await page.getByRole('alert').textContent()) ?? '').trim()

// PyasConnectDialog on the demo page: "Choose a provider…" opens it; a provider in it connects.

import { ADA, accountRows, alertText, isConsentUrl, openDemo } from './demoPage.mjs'
import { check, same } from './harness.mjs'

export const dialogTests = [
  {
    name: 'Dialog: Escape closes it; Outlook from the dialog connects',
    async run({ page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      const chooser = page.getByRole('button', { name: 'Choose a provider…' })
      const dialog = page.getByRole('dialog', { name: 'Connect your calendar' })
      await chooser.click()
      await dialog.waitFor()
      check(
        (await dialog.textContent()).includes('Acme Scheduling uses Pyas'),
        'the dialog names the product',
      )
      await page.keyboard.press('Escape')
      // Gone from the page, not merely hidden: the native dialog can close a moment before the
      // page's state says so (the demo unmounts it then), and a click on the opener inside that
      // moment would race the page's own close.
      await dialog.waitFor({ state: 'detached' })
      same(
        await chooser.evaluate((element) => element === document.activeElement),
        true,
        'focus back on the opener',
      )

      await chooser.click()
      await dialog.waitFor()
      await dialog.getByRole('button', { name: /^Connect Outlook Calendar/ }).click()
      await page.waitForURL(isConsentUrl)
      const exchanged = page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/pyas/microsoft/connect',
      )
      await page.getByRole('button', { name: 'Allow' }).click()
      const { account } = (await (await exchanged).json()).data
      await page.locator('.account__id', { hasText: account.accountId }).waitFor()
      same(await accountRows(page).count(), 1, 'accounts')
      same(await alertText(page), '', 'alert region')
      same(traffic.count('GET', '/api/pyas/microsoft/oauth'), 1, 'GET oauth')
      same(traffic.count('POST', '/api/pyas/microsoft/connect'), 1, 'POST connect')
    },
  },
]

// Popup mode: the consent page opens in a popup that hands the code to the opener and closes.

import {
  ADA,
  accountRows,
  alertText,
  allowInPopup,
  connectButton,
  isConsentUrl,
  openDemo,
} from './demoPage.mjs'
import { same } from './harness.mjs'

export const popupTests = [
  {
    name: 'Popup mode: Allow in the popup, popup closes, opener shows the account',
    async run({ context, page, traffic, demo }) {
      await openDemo(page, demo, ADA)
      await page.getByRole('radio', { name: /Popup window/ }).check()
      // The opener's own calls: the popup's callback page is the demo app too, and the pointer
      // left on its Allow button may hover a connect button there (a harmless prefetch).
      const openerOauth = []
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/pyas/google/oauth') openerOauth.push(request)
      })
      const openerNavigations = []
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) openerNavigations.push(frame.url())
      })
      const opened = context.waitForEvent('page')
      await connectButton(page, 'google').click()
      const popup = await opened
      // The pointer leaves the button, as a user's would for the popup.
      await page.mouse.move(0, 0)
      await popup.waitForURL(isConsentUrl)
      const exchanged = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/pyas/google/connect',
      )
      await allowInPopup(popup)
      const { account } = (await (await exchanged).json()).data
      await page.locator('.account__id', { hasText: account.accountId }).waitFor()
      same(account.email, ADA.email, 'account email')
      same(openerNavigations.length, 0, `opener navigations (${openerNavigations.join(', ')})`)
      same(new URL(page.url()).search, '', 'opener URL query')
      same(await alertText(page), '', 'alert region')
      same(await accountRows(page).count(), 1, 'accounts')
      same(traffic.count('POST', '/api/pyas/google/connect'), 1, 'POST connect')
      same(openerOauth.length, 1, `GET oauth from the opener (all: ${traffic.proxyRequests()})`)
    },
  },
]

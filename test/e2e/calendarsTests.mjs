// Choosing calendars in the demo: the "Calendars" control of a connected Google row, the choice
// saved on the server and shown again after a reload, and the server refusing what the browser
// may not decide (another account's calendar, a read-only destination, another user's account).
import { randomBytes } from 'node:crypto'
import { accountRow, connectRedirect, openDemo } from './demoPage.mjs'
import { check, same } from './harness.mjs'
import { expectNoSeriousViolations } from './qualityTests.mjs'

const HOLIDAYS = 'en.usa#holiday@group.v.calendar.google.com'

/** A user of their own: the fake gives one account per email, and lanes share one server. */
const someone = (name) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(4).toString('hex')}@example.com`,
})

/** Signs in, connects Google through the consent page, and opens the row's Calendars panel. */
async function connectAndOpen(page, demo, user) {
  await openDemo(page, demo, user)
  const { account } = await connectRedirect(page, 'google')
  const panel = await openCalendars(page, account.accountId, user.email)
  return { account, panel }
}

async function openCalendars(page, accountId, email) {
  await accountRow(page, accountId).getByRole('button', { name: 'Calendars' }).click()
  const panel = page.getByRole('region', { name: `Calendars of ${email}` })
  await panel
    .getByRole('group', { name: 'Check for conflicts' })
    .getByRole('checkbox')
    .first()
    .waitFor()
  return panel
}

const conflicts = (panel) => panel.getByRole('group', { name: 'Check for conflicts' })
const destination = (panel) => panel.getByRole('group', { name: 'Add new bookings to' })

/** PUT the demo's save endpoint from the page itself: the user's own cookie and origin. */
function forgedSave(page, accountId, body) {
  return page.evaluate(
    async ({ accountId, body }) => {
      const response = await fetch(`/api/accounts/${encodeURIComponent(accountId)}/calendars`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: await response.json().catch(() => null) }
    },
    { accountId, body },
  )
}

function getFromPage(page, path) {
  return page.evaluate(async (path) => {
    const response = await fetch(path)
    return { status: response.status, body: await response.json().catch(() => null) }
  }, path)
}

export const calendarsTests = [
  {
    name: 'Calendars: connect Google, choose, save, reload — the choice is still there',
    async run({ page, demo }) {
      const user = someone('Cal Chooser')
      const { account, panel } = await connectAndOpen(page, demo, user)
      const primary = conflicts(panel).getByRole('checkbox', { name: user.email })
      const team = conflicts(panel).getByRole('checkbox', { name: 'Team' })
      const holidays = conflicts(panel).getByRole('checkbox', {
        name: /^Holidays in United States/,
      })
      // Before any choice: the primary calendar is shown checked and chosen.
      check(await primary.isChecked(), 'the primary calendar starts checked')
      check(!(await team.isChecked()), 'Team starts unchecked')
      check(
        await destination(panel).getByRole('radio', { name: user.email }).isChecked(),
        'the primary calendar starts as the destination',
      )
      // Read-only calendars are marked, and are not offered as a destination.
      check(
        (await holidays.evaluate((input) => input.closest('label').textContent)).includes(
          '(read-only)',
        ),
        'Holidays is marked read-only',
      )
      same(
        await destination(panel)
          .getByRole('radio', { name: /Holidays/ })
          .count(),
        0,
        'read-only destinations offered',
      )
      await primary.uncheck()
      await team.check()
      await holidays.check()
      await destination(panel).getByRole('radio', { name: 'Team' }).check()
      const saved = page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' &&
          new URL(response.url()).pathname.endsWith('/calendars'),
      )
      await panel.getByRole('button', { name: 'Save calendars' }).click()
      same((await saved).status(), 200, 'PUT calendars')
      await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

      await page.reload()
      const again = await openCalendars(page, account.accountId, user.email)
      await conflicts(again).getByRole('checkbox', { name: 'Team', checked: true }).waitFor()
      check(
        !(await conflicts(again).getByRole('checkbox', { name: user.email }).isChecked()),
        'the primary calendar stays unchecked after the reload',
      )
      check(
        await conflicts(again)
          .getByRole('checkbox', { name: /^Holidays in United States/ })
          .isChecked(),
        'Holidays stays checked after the reload',
      )
      check(
        await destination(again).getByRole('radio', { name: 'Team' }).isChecked(),
        'Team stays the destination after the reload',
      )
    },
  },
  {
    name: 'Calendars: an Outlook account’s choice is saved and shown again after a reload',
    async run({ page, demo }) {
      const user = someone('Cal Outlook')
      await openDemo(page, demo, user)
      const { account } = await connectRedirect(page, 'microsoft')
      const panel = await openCalendars(page, account.accountId, user.email)
      same(
        await destination(panel)
          .getByRole('radio', { name: /holidays/i })
          .count(),
        0,
        'read-only destinations offered',
      )
      await conflicts(panel)
        .getByRole('checkbox', { name: /^United States holidays/ })
        .check()
      await destination(panel).getByRole('radio', { name: 'Team' }).check()
      await panel.getByRole('button', { name: 'Save calendars' }).click()
      await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
      await page.reload()
      const again = await openCalendars(page, account.accountId, user.email)
      await destination(again).getByRole('radio', { name: 'Team', checked: true }).waitFor()
      check(
        await conflicts(again).getByRole('checkbox', { name: 'Calendar' }).isChecked(),
        'the primary calendar stays checked',
      )
      check(
        await conflicts(again)
          .getByRole('checkbox', { name: /^United States holidays/ })
          .isChecked(),
        'the holidays stay checked',
      )
    },
  },
  {
    name: 'Calendars: forged saves refused (another account’s calendar, a read-only destination, another user’s account)',
    async run({ page, context, demo }) {
      // A second user, in a browser of their own, connects their Google account.
      const other = await context.browser().newContext()
      let theirs
      let theirPage
      try {
        theirPage = await other.newPage()
        const them = someone('Other User')
        const { account } = await connectAndOpen(theirPage, demo, them)
        theirs = { accountId: account.accountId, email: them.email }
        await theirPage.getByRole('button', { name: 'Save calendars' }).click()
        await theirPage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

        const user = someone('Cal Forger')
        const { account: mine } = await connectAndOpen(page, demo, user)
        const theirTeam = `c_${theirs.accountId}_team@group.calendar.google.com`

        // My account, with their calendar in it: 400, naming the foreign id.
        const foreign = await forgedSave(page, mine.accountId, {
          conflicts: [user.email, theirTeam],
          destination: user.email,
        })
        same(foreign.status, 400, 'saving another account’s calendar id')
        same(foreign.body?.error, 'unknown_calendar', 'error')
        same(JSON.stringify(foreign.body?.calendarIds), JSON.stringify([theirTeam]), 'ids named')
        // Their primary calendar as my destination: 400 too.
        const foreignDestination = await forgedSave(page, mine.accountId, {
          conflicts: [],
          destination: theirs.email,
        })
        same(foreignDestination.status, 400, 'another account’s calendar as destination')
        // A read-only calendar of my own as the destination: 400 read_only_destination.
        const readOnly = await forgedSave(page, mine.accountId, {
          conflicts: [user.email],
          destination: HOLIDAYS,
        })
        same(readOnly.status, 400, 'read-only destination')
        same(readOnly.body?.error, 'read_only_destination', 'error')
        // Malformed: 400 invalid_request.
        const malformed = await forgedSave(page, mine.accountId, { conflicts: 'all' })
        same(malformed.status, 400, 'malformed body')
        same(malformed.body?.error, 'invalid_request', 'error')

        // Their account, from my session: 404 to read it, to save it, and 403 at the proxy.
        const path = `/api/accounts/${encodeURIComponent(theirs.accountId)}/calendars`
        same((await getFromPage(page, path)).status, 404, 'reading their choice')
        const overwrite = await forgedSave(page, theirs.accountId, {
          conflicts: [theirTeam],
          destination: theirTeam,
        })
        same(overwrite.status, 404, 'saving their choice')
        const listed = await getFromPage(
          page,
          `/api/pyas/google/calendars?accountId=${encodeURIComponent(theirs.accountId)}`,
        )
        same(listed.status, 403, 'listing their calendars through the proxy')
        same(listed.body?.error, 'forbidden', 'proxy error')

        // Their choice is untouched: still their primary calendar.
        const own = await getFromPage(theirPage, path)
        same(own.status, 200, 'their own read')
        same(own.body.selection.destination, theirs.email, 'their destination')
        // And my own choice was never written by the refused saves.
        const mineNow = await getFromPage(
          page,
          `/api/accounts/${encodeURIComponent(mine.accountId)}/calendars`,
        )
        same(mineNow.body.selection, null, 'my choice after refused saves')
      } finally {
        await other.close()
      }
    },
  },
  {
    name: 'Calendars at 360 px: a calendars.created webhook adds the new calendar to the pickers',
    contextOptions: { viewport: { width: 360, height: 780 } },
    async run({ page, demo }) {
      const user = someone('Cal Phone')
      const { panel } = await connectAndOpen(page, demo, user)
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }))
      check(widths.scroll <= widths.client, `sideways scroll at 360 px: ${JSON.stringify(widths)}`)
      same(
        await conflicts(panel).getByRole('checkbox', { name: 'Side project 1' }).count(),
        0,
        'Side project before',
      )
      // The fake adds a calendar and sends calendars.created to the demo's webhook route; the
      // page sees the change and lists the account's calendars again.
      await panel.getByRole('button', { name: 'Add a calendar at Google (simulate)' }).click()
      await conflicts(panel).getByRole('checkbox', { name: 'Side project 1' }).waitFor()
      await destination(panel).getByRole('radio', { name: 'Side project 1' }).check()
      await panel.getByRole('button', { name: 'Save calendars' }).click()
      await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
      const after = await page.evaluate(() => document.documentElement.scrollWidth)
      check(after <= 360, `sideways scroll at 360 px with the panel open: ${after}`)
      await expectNoSeriousViolations(page, 'demo page, Calendars panel open')
    },
  },
]

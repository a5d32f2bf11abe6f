// calendarsRoutes.ts — Express 5: app.use(calendarsRoutes)
import express from 'express'
import { db, getUserId } from './app.js' // your session lookup and database
import { checkCalendarChoice, hasCalendars } from './calendarChoice.js'

export const calendarsRoutes = express.Router()
const path = '/api/accounts/:accountId/calendars'

/** The user's own account, from your table: never the browser's word for it. */
async function ownAccount(req: express.Request, res: express.Response) {
  const userId = await getUserId(req.headers.cookie)
  if (!userId) return void res.status(401).json({ error: 'unauthorized' })
  const accountId = String(req.params.accountId)
  const account = await db.accountOf(userId, accountId)
  // Not theirs (or a Zoom account, which has no calendars): the same 404 either way.
  if (!account || !hasCalendars(account.provider)) {
    return void res.status(404).json({ error: 'not_found' })
  }
  return { userId, accountId, provider: account.provider }
}

calendarsRoutes.get(path, async (req, res) => {
  const own = await ownAccount(req, res)
  if (!own) return
  const choice = await db.calendarChoice(own.userId, own.accountId)
  res.json({ choice: choice ?? null })
})

calendarsRoutes.put(path, express.json(), async (req, res) => {
  const own = await ownAccount(req, res)
  if (!own) return
  const checked = await checkCalendarChoice(own.provider, own.accountId, req.body)
  if (!checked.ok) return void res.status(checked.status).json(checked.body)
  await db.saveCalendarChoice(own.userId, own.accountId, checked.choice)
  res.json({ choice: checked.choice })
})

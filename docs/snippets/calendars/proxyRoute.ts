// app/api/pyas/[...pyas]/route.ts — the proxy, with the calendars route turned on
import { createPyasProxy } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

const pyas = createPyasProxy({
  apiKey: () => process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL,
  authorize: async ({ request }) => {
    const userId = await getUserId(request.headers.get('cookie'))
    return userId === null ? false : { userId }
  },
  onConnected: async (account, { userId }) => {
    await db.saveCalendarAccount(userId!, account.accountId, account.provider)
  },
  // The browser names the account: list its calendars only for the user who connected it.
  authorizeAccount: async ({ userId, accountId, provider }) =>
    userId !== undefined && (await db.ownsAccount(userId, accountId, provider)),
})

export { pyas as GET, pyas as POST }

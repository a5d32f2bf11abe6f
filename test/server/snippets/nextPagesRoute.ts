// pages/api/pyas/[[...path]].ts
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

// Next's default bodyParser stays on: the proxy takes the JSON it already parsed from `req.body`.
export default toNodeHandler(
  createPyasProxy({
    // A function, read per request: `next build` loads this file without the key.
    apiKey: () => process.env.PYAS_API_KEY!,
    baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
    // Only signed-in users may connect; {userId} hands the user to onConnected.
    authorize: async ({ request }) => {
      const userId = await getUserId(request)
      return userId === null ? false : { userId }
    },
    // Save the account here, for your user: the browser's copy is for display only.
    onConnected: async (account, { userId }) => {
      await db.saveCalendarAccount(userId!, account.accountId, account.provider)
    },
  }),
)

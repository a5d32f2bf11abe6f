// app/routes/api.pyas.$.ts — a resource route (no component): GETs reach the loader, POSTs the action
import { createPyasProxy } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

// `react-router build` does not run this module and `react-router-serve` loads it at start, so a
// string key works here, and a server started without it fails at once.
const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
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
})

export const loader = ({ request }: { request: Request }) => pyas(request)
export const action = ({ request }: { request: Request }) => pyas(request)

// app/api/pyas/[...pyas]/route.ts
import { createPyasProxy } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

const pyas = createPyasProxy({
  apiKey: () => process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL,
  allowedOrigins: [process.env.APP_ORIGIN ?? 'http://localhost:3000'], // your app's origin
  // Only signed-in users may connect a calendar; {userId} hands the user to onConnected.
  authorize: async ({ request }) => {
    const userId = await getUserId(request)
    return userId === null ? false : { userId }
  },
  // Save the account server-side: the browser's copy is for display only.
  onConnected: async (account, { userId }) => {
    await db.saveCalendarAccount(userId!, account.accountId, account.provider)
  },
})

export { pyas as GET, pyas as POST }

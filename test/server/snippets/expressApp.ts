// server.ts
import express from 'express'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

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

export const app = express()
app.use(express.json()) // your own routes' body parser: the proxy works after it too
app.use('/api/pyas', toNodeHandler(pyas))
// app.listen(3000)

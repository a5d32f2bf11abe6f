// server.ts: calendars and connect links, on one or many instances
import express from 'express'
import { createConnectLinks, createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

export const connectLinks = createConnectLinks({
  secret: process.env.PYAS_LINK_SECRET!, // at least 32 characters: openssl rand -hex 32
  url: 'https://app.example.com/settings/calendars', // the page with the connect buttons
  // Spent once across all instances: a row per link in your database, `jti` unique.
  consume: (jti, exp) => db.spendLink(jti, exp),
})

const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL,
  // {userId} is who POST /links makes a link for; a request carrying a link skips this check.
  authorize: async ({ request }) => {
    const userId = await getUserId(request)
    return userId === null ? false : { userId }
  },
  // userId is the signed-in user's, or the link's when the connect came through a link.
  onConnected: async (account, { userId }) => {
    await db.saveCalendarAccount(userId!, account.accountId, account.provider)
  },
  authorizeAccount: async ({ userId, accountId, provider }) =>
    userId !== undefined && (await db.ownsAccount(userId, accountId, provider)),
  connectLinks,
})

export const app = express()
app.use('/api/pyas', toNodeHandler(pyas))
// app.listen(3000)

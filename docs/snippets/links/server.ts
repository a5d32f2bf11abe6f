// server.ts: the proxy with connect links, on any number of instances (Express and PostgreSQL)
import express from 'express'
import { createConnectLinks, createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { db, getUserId, saveCalendarAccount } from './app.js' // your database and session lookup
import { consumeLinksIn, USED_LINKS_TABLE } from './usedLinks.js'

await db.query(USED_LINKS_TABLE)

export const connectLinks = createConnectLinks({
  secret: process.env.PYAS_LINK_SECRET!, // at least 32 characters: openssl rand -hex 32
  url: 'https://app.example.com/settings/calendars', // the page with the connect buttons
  consume: consumeLinksIn(db), // spent once, whichever instance the connect reaches
})

const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL,
  // {userId}: who POST /links makes a link for. A request carrying a link skips this check.
  authorize: async ({ request }) => {
    const userId = await getUserId(request)
    return userId === null ? false : { userId }
  },
  // userId is the signed-in user's, or the link's when the connect came through a link.
  onConnected: async (account, { userId }) => {
    await saveCalendarAccount(userId!, account.accountId, account.provider)
  },
  connectLinks,
})

export const app = express()
app.use('/api/pyas', toNodeHandler(pyas))
// app.listen(3000)

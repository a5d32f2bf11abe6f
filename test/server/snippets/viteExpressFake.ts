// server.ts — the API server beside `vite` in development, offline: a fake Pyas, no key
import express from 'express'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { createFakePyas } from '../../../src/testing/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

// The origin the browser is on: Vite's dev server, which proxies /api and /fake-pyas here.
const origin = process.env.APP_ORIGIN ?? 'http://localhost:5173'
// Allow and Deny return to this path on the origin the browser used (its Host header).
const fake = createFakePyas({ redirectUrl: '/settings/calendars' })

const pyas = createPyasProxy({
  apiKey: fake.apiKey,
  baseUrl: `${origin}/fake-pyas`, // so the consent page the fake hands out is on the app's origin
  fetch: fake.fetch, // the proxy calls the fake in memory
  allowedOrigins: [origin],
  authorize: async ({ request }) => {
    const userId = await getUserId(request)
    return userId === null ? false : { userId }
  },
  onConnected: async (account, { userId }) => {
    await db.saveCalendarAccount(userId!, account.accountId, account.provider)
  },
})

export const app = express()
app.use('/api/pyas', toNodeHandler(pyas))
app.use('/fake-pyas', toNodeHandler(fake.handle)) // the fake's consent page
// app.listen(3000)

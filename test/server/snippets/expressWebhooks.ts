// server.ts
import express from 'express'
import { createPyasWebhookHandler, toNodeHandler } from '../../../src/server/index.js'
import { db } from './app.js' // your database

const webhooks = createPyasWebhookHandler({
  secret: process.env.PYAS_WEBHOOK_SECRET!, // the `token` of the URL set in the Pyas dashboard
  onEvent: async (event) => {
    if (event.type === 'account.inactive') await db.setAccountStatus(event.accountId, 'inactive')
    if (event.type === 'events.updated') await db.markEventsChanged(event.accountId, event.events)
  },
})

export const app = express()
app.all('/api/webhooks/pyas', toNodeHandler(webhooks))
// app.listen(3000)

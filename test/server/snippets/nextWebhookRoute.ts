// app/api/webhooks/pyas/route.ts
import { createPyasWebhookHandler } from '../../../src/server/index.js'
import { db } from './app.js' // your database

const webhooks = createPyasWebhookHandler({
  secret: process.env.PYAS_WEBHOOK_SECRET!, // the `token` of the URL set in the Pyas dashboard
  // Pyas may deliver an event twice: write the state it describes, never toggle or count.
  onEvent: async (event) => {
    if (event.type === 'account.inactive') await db.setAccountStatus(event.accountId, 'inactive')
    if (event.type === 'account.deleted') await db.deleteAccount(event.accountId)
  },
})

export { webhooks as POST }

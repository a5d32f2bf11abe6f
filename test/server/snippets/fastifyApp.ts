// server.ts
import Fastify from 'fastify'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'
import { db, getUserId } from './app.js' // your session lookup and database

const handlePyas = toNodeHandler(
  createPyasProxy({
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
  }),
)

export const app = Fastify()
// Fastify has parsed the body already: hand it over with the raw request; the proxy answers.
app.all('/api/pyas/*', (request, reply) => {
  reply.hijack()
  handlePyas(Object.assign(request.raw, { body: request.body }), reply.raw)
})
// await app.listen({ port: 3000 })

// server.ts
import Fastify from 'fastify'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'

const handlePyas = toNodeHandler(
  createPyasProxy({
    apiKey: process.env.PYAS_API_KEY!,
    baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
  }),
)

export const app = Fastify()
// Fastify has parsed the body already: hand it over with the raw request; the proxy answers.
app.all('/api/pyas/*', (request, reply) => {
  reply.hijack()
  handlePyas(Object.assign(request.raw, { body: request.body }), reply.raw)
})
// await app.listen({ port: 3000 })

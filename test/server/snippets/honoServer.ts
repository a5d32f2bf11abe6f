// server.ts
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createPyasProxy } from '../../../src/server/index.js'

const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

const app = new Hono()
app.all('/api/pyas/*', (c) => pyas(c.req.raw))

export const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST,
})

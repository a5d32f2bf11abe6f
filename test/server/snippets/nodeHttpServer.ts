// server.ts
import { createServer } from 'node:http'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'

const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})
const handlePyas = toNodeHandler(pyas)

export const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/pyas/')) return handlePyas(req, res)
  res.writeHead(404).end()
})
// server.listen(3000)

// server.ts
import express from 'express'
import { createPyasProxy, toNodeHandler } from '../../../src/server/index.js'

const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

export const app = express()
app.use(express.json()) // your own routes' body parser: the proxy works after it too
app.use('/api/pyas', toNodeHandler(pyas))
// app.listen(3000)

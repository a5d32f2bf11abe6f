// pages/api/pyas/[[...path]].ts
import { createPyasProxy, toNodeHandler } from '@pyas/react/server'

// Next's default bodyParser stays on: the proxy takes the JSON it already parsed from `req.body`.
export default toNodeHandler(
  createPyasProxy({
    apiKey: () => process.env.PYAS_API_KEY!,
    baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
  }),
)

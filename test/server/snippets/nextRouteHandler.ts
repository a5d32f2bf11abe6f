// app/api/pyas/[...pyas]/route.ts
import { createPyasProxy } from '../../../src/server/index.js'

const pyas = createPyasProxy({
  // A function, read per request: `next build` loads this file without the key.
  apiKey: () => process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

export { pyas as GET, pyas as POST }

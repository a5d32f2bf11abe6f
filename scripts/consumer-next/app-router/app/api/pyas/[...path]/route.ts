// app/api/pyas/[...path]/route.ts
import { createPyasProxy } from '@pyas/react/server'

// A function key is read per request: `next build` loads this module to collect page data, and
// CI and Docker builds usually run without the key.
const pyas = createPyasProxy({
  apiKey: () => process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

export { pyas as GET, pyas as POST }

// app/routes/api.pyas.$.ts — a resource route (no component): GETs reach the loader, POSTs the action
import { createPyasProxy } from '@pyas/react/server'
import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router'

// `react-router build` does not run this module and `react-router-serve` loads it at start, so a
// string key works here, and a server started without it fails at once.
const pyas = createPyasProxy({
  apiKey: process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

export const loader = ({ request }: LoaderFunctionArgs) => pyas(request)
export const action = ({ request }: ActionFunctionArgs) => pyas(request)

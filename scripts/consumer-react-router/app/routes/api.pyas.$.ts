// app/routes/api.pyas.$.ts — a resource route (no component): GETs reach the loader, POSTs the action
import { createPyasProxy } from '@pyas/react/server'
import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router'

const pyas = createPyasProxy({
  apiKey: () => process.env.PYAS_API_KEY!,
  baseUrl: process.env.PYAS_BASE_URL, // optional; defaults to https://api.pyas.io
})

export const loader = ({ request }: LoaderFunctionArgs) => pyas(request)
export const action = ({ request }: ActionFunctionArgs) => pyas(request)

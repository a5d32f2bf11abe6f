// app/api/pyas/[...path]/route.ts
import { createPyasProxy } from '../../../src/server/index.js'
import { getFakePyas } from './fakePyas.js' // your lib/fakePyas.ts

// The key is read per request, so `next build` (which loads this module) needs none.
const live = createPyasProxy({ apiKey: () => process.env.PYAS_API_KEY! })

async function pyas(request: Request): Promise<Response> {
  const fake = getFakePyas()
  if (!fake) return live(request)
  // Offline: the same proxy in front of the fake, whose consent page is on this browser's host.
  const offline = createPyasProxy({
    apiKey: fake.apiKey,
    fetch: fake.fetchFor(request, { mountPath: '/fake-pyas' }),
  })
  return offline(request)
}

export { pyas as GET, pyas as POST }

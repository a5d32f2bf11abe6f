// app/fake-pyas/[...path]/route.ts
import { getFakePyas } from './fakePyas.js' // your lib/fakePyas.ts

// The fake's consent page and the form it posts; the fake's API stays behind the proxy.
async function consent(request: Request): Promise<Response> {
  const fake = getFakePyas()
  const { pathname } = new URL(request.url)
  if (!fake || !/^\/fake-pyas\/consent(\/decision)?$/.test(pathname)) {
    return new Response('Not found', { status: 404 })
  }
  return fake.handle(request)
}

export { consent as GET, consent as POST }

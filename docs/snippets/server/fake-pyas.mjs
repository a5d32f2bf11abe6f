// fake-pyas.mjs — an offline Pyas for development: no account, no network, no real key.
//   node fake-pyas.mjs   then run your app with PYAS_BASE_URL=http://localhost:8788 PYAS_API_KEY=pyas_test_key
import { createServer } from 'node:http'
import { toNodeHandler } from '../../../src/server/index.js'
import { createFakePyas } from '../../../src/testing/index.js'

const fake = createFakePyas({
  // The page Allow and Deny return to: your app's page with the connect buttons.
  redirectUrl: process.env.APP_URL ?? 'http://localhost:3000/settings/calendars',
})

export const server = createServer(toNodeHandler(fake.handle))
server.listen(Number(process.env.PORT ?? 8788), process.env.HOST ?? 'localhost', () => {
  console.log(`fake Pyas on http://localhost:${server.address().port} (key: ${fake.apiKey})`)
})

// A customer's Express 5 server: the built app, the Pyas proxy at /api/pyas, and (because this is a
// test) an in-memory fake Pyas as the proxy's upstream, its consent page served under /fake-pyas.
// Listens on 127.0.0.1, port 0, and prints `listening <url>` once ready.
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createPyasProxy, toNodeHandler } from '@pyas/react/server'
import { createFakePyas } from '@pyas/react/testing'
import express from 'express'

const app = express()
const server = app.listen(0, '127.0.0.1', (error) => {
  if (error) throw error
  const origin = `http://127.0.0.1:${server.address().port}`
  const apiKey = process.env.PYAS_API_KEY ?? `consumer_${randomBytes(16).toString('hex')}`
  const fake = createFakePyas({ apiKey, redirectUrl: `${origin}/`, appName: 'Consumer check' })
  const proxy = createPyasProxy({
    apiKey,
    baseUrl: `${origin}/fake-pyas`,
    fetch: fake.fetch,
    allowedOrigins: [origin],
  })
  app.use('/api/pyas', toNodeHandler(proxy))
  app.use('/fake-pyas', toNodeHandler(fake.handle))
  app.use(express.static(fileURLToPath(new URL('./dist', import.meta.url))))
  console.log(`listening ${origin}/`)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  })
}

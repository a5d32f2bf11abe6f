// A stand-in for Pyas, for the framework consumer checks: the packaged fake (`@pyas/react/testing`)
// served by node:http on 127.0.0.1, port 0, consent page included. CommonJS, so it needs no msw.
//   PYAS_API_KEY   the only key it accepts
//   REDIRECT_URL   where its consent page sends the user back (the app's page)
// Prints `listening <url>` once ready. Two helper routes for the checks: GET /__requests lists what
// it received (never a key), POST /__code/{provider} mints a valid code as if the user had allowed.
const { createServer } = require('node:http')
const { toNodeHandler } = require('@pyas/react/server')
const { createFakePyas } = require('@pyas/react/testing')

const fake = createFakePyas({
  apiKey: process.env.PYAS_API_KEY,
  redirectUrl: process.env.REDIRECT_URL,
  appName: 'Framework check',
})
const handle = toNodeHandler(fake.handle)

const server = createServer((req, res) => {
  if (req.url === '/__requests') {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(fake.requests))
    return
  }
  const code = /^\/__code\/(google|microsoft|zoom)$/.exec(req.url ?? '')
  if (code && req.method === 'POST') {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ code: fake.issueCode(code[1]) }))
    return
  }
  handle(req, res)
})
server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/`)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  })
}

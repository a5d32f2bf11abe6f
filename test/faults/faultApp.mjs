// A plain node:http app mounting the built proxy the way the docs show, for the fault suite.
// It counts every unhandled rejection and uncaught exception (instead of dying of one), and answers
// GET /__faults with that count so the suite can assert it stays zero.
import { createServer } from 'node:http'

const { createPyasProxy, createPyasWebhookHandler, toNodeHandler } = await import(process.argv[2])
const faults = []
const record = (kind) => (error) => {
  faults.push(`${kind}: ${error?.stack ?? error}`)
  process.stderr.write(`${kind}: ${error?.stack ?? error}\n`)
}
process.on('unhandledRejection', record('unhandledRejection'))
process.on('uncaughtException', record('uncaughtException'))

const pyas = toNodeHandler(
  createPyasProxy({
    apiKey: process.env.PYAS_API_KEY,
    baseUrl: process.env.PYAS_BASE_URL,
    timeoutMs: Number(process.env.PYAS_TIMEOUT_MS),
    logger: { error() {}, warn() {} },
    // A hook that throws (sync or async) on request: the answer must be a 500, nothing more.
    authorize: async ({ request }) => {
      if (request.headers.get('x-throw') === 'authorize') throw new Error('authorize broke')
      return true
    },
    onConnected: () => {
      throw new Error('onConnected broke')
    },
  }),
)
const webhooks = toNodeHandler(
  createPyasWebhookHandler({
    secret: process.env.PYAS_WEBHOOK_SECRET,
    logger: { error() {}, warn() {} },
    onEvent: () => Promise.reject(new Error('onEvent broke')),
  }),
)
const server = createServer((req, res) => {
  if (req.url === '/__faults') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ faults }))
    return
  }
  if (req.url?.startsWith('/api/webhooks/pyas')) webhooks(req, res)
  else pyas(req, res)
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`)
})

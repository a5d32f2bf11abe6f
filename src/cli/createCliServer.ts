import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import {
  createPyasProxy,
  createPyasWebhookHandler,
  type PyasWebhookEvent,
  toNodeHandler,
} from '../server/index.js'
import { authorizeByUrl } from './authorizeByUrl.js'
import type { CliConfig } from './CliConfig.js'
import { createForwarder } from './createForwarder.js'
import type { CliLog } from './createLog.js'
import type { FakeBackend } from './fake.js'

const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}
const MAX_LOGGED_PATH = 1024

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** The request path without its query, with dot segments resolved as a browser would. */
function routePath(url: string): string {
  const raw = url.split('?')[0] ?? '/'
  if (!/[.%\\]/.test(raw) && raw.startsWith('/')) return raw
  return URL.canParse(raw, 'http://localhost') ? new URL(raw, 'http://localhost').pathname : raw
}

/** A server with its in-flight requests counted, for a graceful shutdown. */
export interface CliServer {
  server: Server
  /** Responses not finished yet. */
  inFlight: Set<ServerResponse>
  /** From now on every answer closes its connection. */
  drain(): void
}

/**
 * The `pyas-proxy` HTTP server: `/healthz`, the webhook route (when a secret is set) and the proxy
 * under the mount path; every other path is a 404. One access-log line per request.
 */
export function createCliServer(config: CliConfig, log: CliLog, fake?: FakeBackend): CliServer {
  const userIds = new WeakMap<Request, string | number>()
  const forward = config.forward
    ? createForwarder({ ...config.forward, timeoutMs: config.timeoutMs, log })
    : undefined

  const proxy = toNodeHandler(
    createPyasProxy({
      apiKey: config.apiKey,
      logger: {
        error: (message, details) => log.error(message, { details: String(details) }),
        warn: (message, details) => log.warn(message, { details: String(details) }),
      },
      baseUrl: config.baseUrl,
      fetch: fake?.fetch,
      providers: config.providers,
      allowedOrigins: config.allowedOrigins,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      authorize: config.authorizeUrl
        ? authorizeByUrl(config.authorizeUrl, config.timeoutMs, userIds, log)
        : undefined,
      onConnected: forward
        ? async (account, { request }) => {
            const userId = userIds.get(request)
            await forward({
              type: 'account.connected_by_user',
              account,
              ...(userId === undefined ? {} : { userId }),
            })
          }
        : undefined,
    }),
  )

  const onEvent = forward
    ? (event: PyasWebhookEvent) => forward({ type: event.type, event })
    : (event: PyasWebhookEvent) => log.info('webhook event', { event })
  const webhooks = config.webhook
    ? toNodeHandler(
        createPyasWebhookHandler({
          secret: config.webhook.secret,
          onEvent,
          logger: {
            error: (message, details) => log.error(message, { details: String(details) }),
            warn: (message) => log.warn(message),
          },
        }),
      )
    : undefined

  const inFlight = new Set<ServerResponse>()
  let draining = false

  function route(req: IncomingMessage, res: ServerResponse): void {
    const path = routePath(req.url ?? '/')
    if (path === '/healthz') {
      if (req.method === 'GET' || req.method === 'HEAD') sendJson(res, 200, { ok: true })
      else sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET, HEAD' })
    } else if (webhooks && config.webhook && path === config.webhook.path) {
      webhooks(req, res)
    } else if (config.mountPath === '' || path.startsWith(`${config.mountPath}/`)) {
      proxy(req, res)
    } else {
      sendJson(res, 404, { error: 'not_found' })
    }
  }

  const server = createServer((req, res) => {
    const started = performance.now()
    const t = new Date().toISOString()
    inFlight.add(res)
    if (draining) res.setHeader('connection', 'close')
    res.once('close', () => {
      inFlight.delete(res)
      const rawPath = (req.url ?? '/').split('?')[0] ?? '/'
      log.request({
        t,
        method: req.method ?? 'GET',
        path: rawPath.slice(0, MAX_LOGGED_PATH),
        // 499: the client went away before the answer was complete (as nginx logs it).
        status: res.writableFinished ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 10) / 10,
      })
    })
    if (fake) fake.intercept(req, res, () => route(req, res))
    else route(req, res)
  })
  return {
    server,
    inFlight,
    drain() {
      draining = true
    },
  }
}

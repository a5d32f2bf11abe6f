import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import {
  createConnectLinks,
  createPyasProxy,
  createPyasWebhookHandler,
  type PyasWebhookEvent,
  toNodeHandler,
} from '../server/index.js'
import { jsonResult, methodNotAllowed, NOT_FOUND } from '../server/jsonResult.js'
import { splitUrl } from '../server/matchRoute.js'
import { writeNodeJson } from '../server/writeNodeResponse.js'
import { authorizeByUrl } from './authorizeByUrl.js'
import type { CliConfig } from './CliConfig.js'
import { createForwarder } from './createForwarder.js'
import type { CliLog } from './createLog.js'
import type { FakeBackend } from './fake.js'

const MAX_LOGGED_PATH = 1024
const HEALTHY = jsonResult(200, JSON.stringify({ ok: true }))
const ONLY_GET_OR_HEAD = methodNotAllowed('GET, HEAD')

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
  const forward = config.forward
    ? createForwarder({ ...config.forward, timeoutMs: config.timeoutMs, log })
    : undefined

  const checks = config.authorizeUrl
    ? authorizeByUrl(config.authorizeUrl, config.timeoutMs, log)
    : undefined
  // One process: the in-memory `consume` spends each link once. Several instances behind a load
  // balancer would each accept a link once; they need the Node API with a shared `consume`.
  const connectLinks = config.links ? createConnectLinks(config.links) : undefined

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
      authorize: checks?.authorize,
      // The authorize URL decides which accounts a user may list; without it, no calendars route.
      authorizeAccount: checks?.authorizeAccount,
      connectLinks,
      onConnected: forward
        ? async (account, { userId }) => {
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
    const { path } = splitUrl(req.url ?? '/')
    if (path === '/healthz') {
      writeNodeJson(
        req,
        res,
        req.method === 'GET' || req.method === 'HEAD' ? HEALTHY : ONLY_GET_OR_HEAD,
      )
    } else if (webhooks && config.webhook && path === config.webhook.path) {
      webhooks(req, res)
    } else if (config.mountPath === '' || path.startsWith(`${config.mountPath}/`)) {
      proxy(req, res)
    } else {
      writeNodeJson(req, res, NOT_FOUND)
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

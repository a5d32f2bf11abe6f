import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
import { readCapped } from './readCapped.js'
import {
  BadGatewayError,
  isPassedOnStatus,
  MAX_UPSTREAM_BYTES,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamTransport,
} from './UpstreamTransport.js'

type RequestFn = (
  options: RequestOptions,
  callback: (res: IncomingMessage) => void,
) => ClientRequest
interface HttpModule {
  request: RequestFn
  Agent: new (options: { keepAlive: boolean }) => Agent
}

const decoder = new TextDecoder()
let modules: Promise<{ http: HttpModule; https: HttpModule }> | undefined
const agents = new WeakMap<HttpModule, Agent>()

function agentFor(module: HttpModule): Agent {
  let agent = agents.get(module)
  if (!agent) {
    agent = new module.Agent({ keepAlive: true })
    agents.set(module, agent)
  }
  return agent
}

/** Pyas's answer as read from a node:http response. */
class NodeUpstreamResponse implements UpstreamResponse {
  constructor(
    readonly status: number,
    readonly body: string,
    private readonly res: IncomingMessage,
  ) {}

  header(name: string): string | null {
    const value = this.res.headers[name]
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
  }
}

async function readAnswer(res: IncomingMessage, status: number): Promise<UpstreamResponse> {
  const read = await readCapped(res, { limit: MAX_UPSTREAM_BYTES, release: 'destroy' })
  if (typeof read === 'string') throw new BadGatewayError('Pyas response too large')
  return new NodeUpstreamResponse(status, decoder.decode(read), res)
}

function send(
  module: HttpModule,
  base: RequestOptions,
  basePath: string,
  request: UpstreamRequest,
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const { method, body, cancellation } = request
    if (cancellation.aborted) {
      reject(new Error('The Pyas call was cancelled'))
      return
    }
    const options: RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      agent: base.agent,
      method,
      path: basePath + request.path,
      headers: request.headers,
    }
    let answered = false
    const req = module.request(options, (res) => {
      answered = true
      // Errors settle the call through readCapped or the request; a late one (say, the socket
      // dropping after the answer was taken) only needs a listener so that it is not thrown.
      res.on('error', () => {})
      const status = res.statusCode ?? 0
      if (!isPassedOnStatus(status)) {
        // Not passed on, so not read: an endless body must not keep the socket streaming.
        res.destroy()
        resolve(new NodeUpstreamResponse(status, '', res))
        return
      }
      // One async function settles the call: whatever it throws (a body over the cap included)
      // rejects it, instead of escaping as an unhandled rejection that ends the process.
      readAnswer(res, status).then(resolve, reject)
    })
    // A 101 (or a CONNECT-style answer) never reaches the response callback: without a listener
    // node:http drops the socket and the call would never settle.
    req.on('upgrade', (res: IncomingMessage, socket: { destroy(): void }) => {
      answered = true
      socket.destroy()
      reject(new BadGatewayError(`Pyas answered ${res.statusCode ?? 101} with an upgrade`))
    })
    req.on('close', () => {
      if (!answered) reject(new Error('Pyas closed the connection before answering'))
    })
    cancellation.onAbort = () => req.destroy(new Error('The Pyas call was cancelled'))
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket that Pyas closed while idle fails before any byte of the answer; that
      // is safe to retry once for the idempotent GET (the Node docs' own pattern), never for POST.
      if (
        req.reusedSocket &&
        (error.code === 'ECONNRESET' || error.code === 'EPIPE') &&
        method === 'GET' &&
        !cancellation.aborted
      ) {
        answered = true // by the retry
        send(module, base, basePath, request).then(resolve, reject)
        return
      }
      reject(error)
    })
    req.end(body)
  })
}

/**
 * Calls Pyas with `node:http(s)` and one shared keep-alive agent per protocol: several times
 * cheaper per call than the Fetch stack. The modules load lazily so this file never breaks an
 * edge bundle; redirects are not followed (node:http never follows them).
 */
export async function nodeTransport(baseUrl: string): Promise<UpstreamTransport> {
  modules ??= Promise.all([
    import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:http'),
    import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:https'),
  ]).then(([http, https]) => ({ http, https }))
  const loaded = await modules
  const url = new URL(baseUrl)
  const module = url.protocol === 'https:' ? loaded.https : loaded.http
  const base: RequestOptions = {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    agent: agentFor(module),
  }
  const basePath = url.pathname.replace(/\/+$/, '')
  return (request) => send(module, base, basePath, request)
}

import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
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
    const req = module.request(options, (res) => {
      const status = res.statusCode ?? 0
      if (!isPassedOnStatus(status)) {
        res.resume()
        resolve(new NodeUpstreamResponse(status, '', res))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_UPSTREAM_BYTES) {
          reject(new BadGatewayError('Pyas response too large'))
          req.destroy()
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)
        resolve(new NodeUpstreamResponse(status, bytes.toString('utf8'), res))
      })
      // 'close' without 'end' (Pyas or a cancel dropped the socket) settles the call; 'error' only
      // needs a listener so that it is not thrown.
      res.on('error', reject)
      res.on('close', () => {
        if (!res.complete) reject(new Error('Pyas closed the connection mid-response'))
      })
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

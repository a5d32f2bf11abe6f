import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, vi } from 'vitest'
import {
  createPyasProxy,
  type PyasProxyHandler,
  type PyasProxyOptions,
  toNodeHandler,
} from '../../src/server/index.js'

export const API_KEY = 'pyas_live_Secr3tKey_0123456789'
export const ORIGIN = 'https://app.example'
/** A valid oauth route, relative to the proxy's mount. */
export const OAUTH_PATH = '/google/oauth?email=ada%40example.com&state=pyas_abc'
export const ACCOUNT = {
  accountId: 'acc_123',
  email: 'ada@example.com',
  name: 'Ada',
  provider: 'google',
  status: 'active',
  scopes: ['https://www.googleapis.com/auth/calendar.events'],
}

/** One call the proxy made upstream, as the injected `fetch` saw it. */
export interface UpstreamCall {
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
  redirect: RequestRedirect | undefined
  signal: AbortSignal
}

/** Pyas's answer to a call: a consent URL for oauth, the route's provider's account for connect. */
export function pyasAnswer(call: UpstreamCall): Response {
  const [, provider, action] = /\/(\w+)\/(oauth|connect)\b/.exec(call.url) ?? []
  if (action === 'connect') {
    return Response.json({ success: true, data: { account: { ...ACCOUNT, provider } } })
  }
  return Response.json({ success: true, url: 'https://accounts.example/consent' })
}

/** An injected upstream `fetch` that records calls and answers with `reply` (default: Pyas's). */
export function fakeUpstream(
  reply: (call: UpstreamCall) => Response | Promise<Response> = pyasAnswer,
) {
  const calls: UpstreamCall[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: UpstreamCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body as string | undefined,
      redirect: init.redirect,
      signal: init.signal as AbortSignal,
    }
    calls.push(call)
    return reply(call)
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

/** An upstream `fetch` that only settles when its signal aborts (a hung Pyas). */
export function hangingFetch(): typeof fetch {
  return (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    })
}

/** Starts a server on 127.0.0.1, port 0, and returns it with its base URL. */
export async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}` }
}

/** Closes a server and every connection it still holds. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** How a test reaches the proxy: as a Fetch handler, or over HTTP through `toNodeHandler`. */
export type Mode = 'fetch handler' | 'node fast path' | 'node generic path'
export const MODES: Mode[] = ['fetch handler', 'node fast path', 'node generic path']

/**
 * Serves proxies in one mode, for the enclosing `describe` (it starts and stops its server in
 * `beforeAll`/`afterAll`). `proxy(options)` creates a proxy and returns a function that sends a
 * `Request` to it; in the node modes through a real node:http server and `toNodeHandler` (the fast
 * path for our handler, the generic Request/Response path for a wrapped one).
 */
export function proxyHarness(mode: Mode) {
  let current: RequestListener = (_req, res) => res.end()
  let server: { server: Server; url: string } | undefined
  beforeAll(async () => {
    if (mode !== 'fetch handler') server = await listen((req, res) => current(req, res))
  })
  afterAll(async () => {
    if (server) await close(server.server)
  })
  return {
    proxy(options: PyasProxyOptions): (request: Request) => Promise<Response> {
      const pyas: PyasProxyHandler = createPyasProxy(options)
      if (mode === 'fetch handler') return pyas
      current = toNodeHandler(mode === 'node fast path' ? pyas : (request) => pyas(request))
      const base = server?.url
      return (request) => {
        const url = new URL(request.url)
        return fetch(`${base}${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          duplex: 'half',
        } as RequestInit)
      }
    },
  }
}

/** A request to the proxy mounted at `/api/pyas`. */
export function proxyRequest(path: string, init?: RequestInit): Request {
  return new Request(`${ORIGIN}/api/pyas${path}`, init)
}

/** A JSON POST to `/api/pyas/{provider}/connect`. */
export function connectRequest(
  provider: string,
  body: unknown = { code: 'auth-code', name: 'Ada' },
  headers: Record<string, string> = {},
): Request {
  return proxyRequest(`/${provider}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

// @vitest-environment node
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PyasAccount } from '../../src/core/types.js'
import {
  createPyasProxy,
  type PyasAuthorizeContext,
  type PyasConnectedContext,
  type PyasProxyOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { ACCOUNT, API_KEY, close, listen } from './helpers.js'
import { send, sendEndless } from './nodeClient.js'

type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void

const OAUTH = '/api/pyas/google/oauth?email=ada%40example.com&state=pyas_abc'

/** A real Pyas stand-in on 127.0.0.1 whose behaviour each test sets. */
const upstream = {
  handler: ((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'pyas=1' })
    res.end(JSON.stringify({ success: true, url: 'https://accounts.example/consent' }))
  }) as UpstreamHandler,
  requests: [] as { url: string; headers: IncomingMessage['headers']; body: string }[],
  connections: 0,
  url: '',
}
let upstreamServer: Awaited<ReturnType<typeof listen>>
const defaultHandler = upstream.handler

/** The proxy under test, served by node:http through toNodeHandler. */
let proxyServer: Awaited<ReturnType<typeof listen>>
let proxyHandler = toNodeHandler(createPyasProxy({ apiKey: API_KEY }))
const proxySockets: Socket[] = []

function useProxy(options: Partial<PyasProxyOptions> = {}) {
  proxyHandler = toNodeHandler(
    createPyasProxy({ apiKey: API_KEY, baseUrl: upstream.url, ...options }),
  )
}

beforeAll(async () => {
  upstreamServer = await listen((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      upstream.requests.push({ url: req.url ?? '', headers: req.headers, body })
      upstream.handler(req, res, body)
    })
  })
  upstreamServer.server.on('connection', () => {
    upstream.connections++
  })
  upstream.url = upstreamServer.url
  proxyServer = await listen((req, res) => proxyHandler(req, res))
  proxyServer.server.on('connection', (socket) => proxySockets.push(socket))
})

afterEach(() => {
  upstream.handler = defaultHandler
  upstream.requests = []
  upstream.connections = 0
  proxySockets.length = 0
})

afterAll(async () => {
  await close(proxyServer.server)
  await close(upstreamServer.server)
})

describe('toNodeHandler', () => {
  it('should proxy over real sockets and keep both connections alive', async () => {
    useProxy()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    for (let i = 0; i < 3; i++) {
      const response = await send(`${proxyServer.url}${OAUTH}`, {
        agent,
        headers: { cookie: 'a=b' },
      })
      expect(response.status).toBe(200)
      expect(response.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      expect(response.headers['set-cookie']).toBeUndefined()
    }
    agent.destroy()
    expect(proxySockets).toHaveLength(1)
    expect(upstream.connections).toBe(1)
    expect(upstream.requests[0]?.url).toBe('/google/oauth?email=ada%40example.com&state=pyas_abc')
    expect(upstream.requests[0]?.headers).toEqual({
      'x-api-key': API_KEY,
      accept: 'application/json',
      host: new URL(upstream.url).host,
      connection: 'keep-alive',
    })
  })

  it('should forward a connect body sent in many chunks', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ success: true, data: { account: ACCOUNT } }))
    }
    const onConnected = vi.fn((_account: PyasAccount, _context: PyasConnectedContext) => {})
    useProxy({ onConnected })
    const name = 'Ada '.repeat(2000)
    const response = await new Promise<number>((resolve, reject) => {
      const req = request(`${proxyServer.url}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      const body = JSON.stringify({ code: 'c', name })
      for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000))
      req.end()
    })
    expect(response).toBe(200)
    expect(upstream.requests[0]?.body).toBe(JSON.stringify({ code: 'c', name }))
    expect(onConnected).toHaveBeenCalledWith(ACCOUNT, {
      request: expect.any(Request),
      provider: 'google',
    })
    expect(await onConnected.mock.calls[0]?.[1].request.json()).toEqual({ code: 'c', name })
  })

  it('should retry a GET once, never a POST, when Pyas drops a kept-alive socket', async () => {
    // This upstream answers the first request on each socket and drops the socket on the next:
    // the race a keep-alive client meets when a server closes an idle connection.
    const served = new WeakMap<object, number>()
    const flaky = await listen((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1
      served.set(req.socket, count)
      if (count > 1) {
        req.socket.destroy()
        return
      }
      req.resume()
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ success: true, data: { account: ACCOUNT } }))
    })
    try {
      proxyHandler = toNodeHandler(createPyasProxy({ apiKey: API_KEY, baseUrl: flaky.url }))
      expect((await send(`${proxyServer.url}${OAUTH}`)).status).toBe(200)
      expect((await send(`${proxyServer.url}${OAUTH}`)).status).toBe(200)
      const post = await send(`${proxyServer.url}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'c', name: 'n' }),
      })
      expect(post.status).toBe(502)
      expect(post.json()).toEqual({ error: 'upstream_unreachable' })
    } finally {
      await close(flaky.server)
    }
  })

  it('should answer 413 to an endless streamed body without reading it all', async () => {
    useProxy({ maxBodyBytes: 1024 })
    const total = 256 * 1024 * 1024
    const { response, written } = await sendEndless(
      `${proxyServer.url}/api/pyas/google/connect`,
      { 'content-type': 'application/json' },
      total,
    )
    expect(response?.status).toBe(413)
    expect(response?.json()).toEqual({ error: 'payload_too_large' })
    expect(response?.headers.connection).toBe('close')
    expect(written).toBeLessThan(total / 4)
    await vi.waitFor(() => expect(proxySockets[0]?.destroyed).toBe(true))
    // The server read at most a few socket buffers of the 256 MiB before closing.
    expect(proxySockets[0]?.bytesRead).toBeLessThan(1024 * 1024)
    expect(upstream.requests).toHaveLength(0)
  })

  it('should answer 413 from content-length alone, before any body byte arrives', async () => {
    useProxy({ maxBodyBytes: 1024 })
    const response = await new Promise<{ status: number; connection?: string }>(
      (resolve, reject) => {
        const req = request(`${proxyServer.url}/api/pyas/google/connect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 50_000_000 },
        })
        req.on('response', (res) => {
          res.resume()
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection })
          req.destroy()
        })
        req.on('error', reject)
        req.flushHeaders()
      },
    )
    expect(response).toEqual({ status: 413, connection: 'close' })
  })

  it('should drop a request whose client hangs up mid-body, without logging an error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    useProxy()
    const handler = proxyHandler
    const closed = new Promise<void>((resolve) => {
      proxyHandler = (req, res) => {
        res.on('close', () => setTimeout(resolve, 50))
        handler(req, res)
      }
    })
    const req = request(`${proxyServer.url}/api/pyas/google/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 1000 },
    })
    req.on('error', () => {})
    req.write('{"code":')
    setTimeout(() => req.destroy(), 50)
    await closed
    expect(error).not.toHaveBeenCalled()
    expect(upstream.requests).toHaveLength(0)
    error.mockRestore()
  })

  it('should answer 504 when the real upstream is slower than timeoutMs, and drop its call', async () => {
    const upstreamClosed = new Promise<boolean>((resolve) => {
      upstream.handler = (_req, res) => res.on('close', () => resolve(!res.writableFinished))
    })
    useProxy({ timeoutMs: 100 })
    const response = await send(`${proxyServer.url}${OAUTH}`)
    expect(response.status).toBe(504)
    expect(response.json()).toEqual({ error: 'upstream_timeout' })
    expect(await upstreamClosed).toBe(true)
  })

  it('should abort the upstream call when the client goes away', async () => {
    let clientRequest: ReturnType<typeof request> | undefined
    const upstreamAborted = new Promise<boolean>((resolve) => {
      upstream.handler = (_req, res) => {
        res.on('close', () => resolve(!res.writableFinished))
        clientRequest?.destroy()
      }
    })
    useProxy()
    clientRequest = request(`${proxyServer.url}${OAUTH}`)
    clientRequest.on('error', () => {})
    clientRequest.end()
    expect(await upstreamAborted).toBe(true)
  })

  it('should answer 502 to a redirect and never follow it', async () => {
    upstream.handler = (req, res) => {
      if (req.url === '/steal') res.end('{}')
      else res.writeHead(302, { location: `${upstream.url}/steal` }).end()
    }
    useProxy()
    const response = await send(`${proxyServer.url}${OAUTH}`)
    expect(response.status).toBe(502)
    expect(response.json()).toEqual({ error: 'bad_gateway' })
    expect(upstream.requests.map((r) => r.url)).not.toContain('/steal')
  })

  it('should answer 502 upstream_unreachable when nothing listens at baseUrl', async () => {
    const closed = await listen(() => {})
    await close(closed.server)
    proxyHandler = toNodeHandler(createPyasProxy({ apiKey: API_KEY, baseUrl: closed.url }))
    const response = await send(`${proxyServer.url}${OAUTH}`)
    expect(response.status).toBe(502)
    expect(response.json()).toEqual({ error: 'upstream_unreachable' })
  })

  it('should write every set-cookie of a Response from authorize', async () => {
    useProxy({
      authorize: () => {
        const headers = new Headers({ 'content-type': 'text/plain' })
        headers.append('set-cookie', 'a=1')
        headers.append('set-cookie', 'b=2')
        return new Response('no', { status: 401, headers })
      },
    })
    const response = await send(`${proxyServer.url}${OAUTH}`)
    expect(response.status).toBe(401)
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2'])
    expect(response.body).toBe('no')
  })

  it('should stream a Response from any Fetch handler and hand it the full URL', async () => {
    let seen: Request | undefined
    proxyHandler = toNodeHandler(async (req) => {
      seen = req
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of ['a', 'b', 'c']) controller.enqueue(new TextEncoder().encode(part))
          controller.close()
        },
      })
      return new Response(body, { status: 201, headers: { 'x-test': '1' } })
    })
    const response = await send(`${proxyServer.url}/x/y?z=1`, {
      method: 'POST',
      headers: { 'x-client': 'yes', host: 'app.example:8080' },
      body: 'hello',
    })
    expect(response).toMatchObject({ status: 201, body: 'abc', headers: { 'x-test': '1' } })
    expect(seen?.url).toBe('http://app.example:8080/x/y?z=1')
    expect(seen?.headers.get('x-client')).toBe('yes')
    expect(await seen?.text()).toBe('hello')
  })

  it('should not trust a Host header that could inject path segments', async () => {
    let url = ''
    proxyHandler = toNodeHandler((req) => {
      url = req.url
      return new Response(null, { status: 204 })
    })
    await send(`${proxyServer.url}/api/pyas/zoom/oauth`, { headers: { host: 'x/google/oauth?' } })
    expect(url).toBe('http://localhost/api/pyas/zoom/oauth')
  })

  it('should report an unexpected adapter error to next, or answer 500 without next', async () => {
    const error = new Error('handler blew up')
    const broken = toNodeHandler(() => Promise.reject(error))
    const next = vi.fn()
    proxyHandler = (req, res) => {
      broken(req, res, (e) => {
        next(e)
        res.statusCode = 599
        res.end()
      })
    }
    expect((await send(`${proxyServer.url}/x`)).status).toBe(599)
    expect(next).toHaveBeenCalledWith(error)
    proxyHandler = broken
    const response = await send(`${proxyServer.url}/x`)
    expect(response.status).toBe(500)
    expect(response.json()).toEqual({ error: 'internal_error' })
  })
})

describe('toNodeHandler in Express 5', () => {
  it('should serve under a mount prefix and answer 404 JSON for unmatched paths under it', async () => {
    const later = vi.fn((_req: unknown, res: ServerResponse) => res.writeHead(418).end())
    const authorize = vi.fn((_context: PyasAuthorizeContext) => true)
    const app = express()
    app.use(
      '/api/pyas',
      toNodeHandler(createPyasProxy({ apiKey: API_KEY, baseUrl: upstream.url, authorize })),
    )
    app.use(later)
    const { server, url } = await listen(app)
    try {
      const ok = await send(`${url}${OAUTH}`)
      expect(ok.status).toBe(200)
      expect(ok.json()).toEqual({ success: true, url: 'https://accounts.example/consent' })
      const seen = authorize.mock.calls[0]?.[0].request
      expect(new URL(seen?.url ?? '').pathname).toBe('/api/pyas/google/oauth')
      for (const path of [
        '/api/pyas',
        '/api/pyas/nope',
        '/api/pyas/google/oauth/extra',
        '/api/pyas/yahoo/oauth',
      ]) {
        const response = await send(`${url}${path}`)
        expect(response.status).toBe(404)
        expect(response.headers['content-type']).toBe('application/json')
        expect(response.json()).toEqual({ error: 'not_found' })
      }
      expect(later).not.toHaveBeenCalled()
      expect((await send(`${url}/elsewhere`)).status).toBe(418)
    } finally {
      await close(server)
    }
  })

  it('should still work after express.json() has read the body', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({ success: true, data: { account: { ...ACCOUNT, provider: 'zoom' } } }),
      )
    }
    const app = express()
    app.use(express.json())
    app.use('/api/pyas', toNodeHandler(createPyasProxy({ apiKey: API_KEY, baseUrl: upstream.url })))
    const { server, url } = await listen(app)
    try {
      const response = await send(`${url}/api/pyas/zoom/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'c', name: 'Ada', extra: true }),
      })
      expect(response.status).toBe(200)
      expect(upstream.requests[0]?.body).toBe('{"code":"c","name":"Ada"}')
    } finally {
      await close(server)
    }
  })
})

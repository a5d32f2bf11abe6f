// @vitest-environment node
import { type IncomingMessage, request } from 'node:http'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createPyasProxy,
  type PyasAuthorizeContext,
  type PyasProxyOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { expectJson } from './expectJson.js'
import {
  ACCOUNT,
  API_KEY,
  close,
  fakeUpstream,
  listen,
  OAUTH_PATH,
  proxyHarness,
  proxyRequest,
} from './helpers.js'
import { collect, type NodeResponse, send } from './nodeClient.js'

const OAUTH = `/api/pyas${OAUTH_PATH}`

/** A Pyas stand-in that writes raw bytes, for answers node:http's server would not send. */
async function rawUpstream(answer: (socket: Socket) => void) {
  const sockets: Socket[] = []
  const server: NetServer = createNetServer((socket) => {
    sockets.push(socket)
    socket.once('data', () => answer(socket))
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** The proxy behind a real node:http server, whose options each test sets. */
let handler = toNodeHandler(createPyasProxy({ apiKey: API_KEY }))
let proxyServer: Awaited<ReturnType<typeof listen>>
function serveProxy(options: PyasProxyOptions) {
  handler = toNodeHandler(createPyasProxy(options))
}

beforeAll(async () => {
  proxyServer = await listen((req, res) => handler(req, res))
})
afterAll(() => close(proxyServer.server))

describe('createPyasProxy against a hostile upstream', () => {
  let upstream: Awaited<ReturnType<typeof rawUpstream>> | undefined
  afterEach(async () => {
    await upstream?.close()
    upstream = undefined
  })

  it('should answer 502 to an upstream 101, with or without upgrade headers, well within timeoutMs', async () => {
    for (const head of [
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      'HTTP/1.1 101 Switching Protocols\r\n\r\n',
    ]) {
      // The socket stays open after the 101, as a real upgrade would leave it.
      upstream = await rawUpstream((socket) => socket.write(head))
      serveProxy({ apiKey: API_KEY, baseUrl: upstream.url, timeoutMs: 5000 })
      const started = Date.now()
      const response = await send(`${proxyServer.url}${OAUTH}`)
      expect(response.status).toBe(502)
      expect(response.json()).toEqual({ error: 'bad_gateway' })
      expect(Date.now() - started).toBeLessThan(2000)
      await vi.waitFor(() => expect(upstream?.sockets[0]?.destroyed).toBe(true))
      await upstream.close()
    }
  })

  it('should answer 502 at once to a 2xx body over 1 MiB, sent at once or chunked', async () => {
    const big = `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`
    for (const head of [
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`,
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    ]) {
      const chunked = head.includes('chunked')
      upstream = await rawUpstream((socket) => {
        socket.write(head)
        socket.write(chunked ? `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n` : big)
      })
      serveProxy({ apiKey: API_KEY, baseUrl: upstream.url, timeoutMs: 5000 })
      const started = Date.now()
      const response = await send(`${proxyServer.url}${OAUTH}`)
      expect(response.status).toBe(502)
      expect(response.json()).toEqual({ error: 'bad_gateway' })
      expect(Date.now() - started).toBeLessThan(1000)
      await upstream.close()
    }
  })

  it('should answer 504 within timeoutMs to an upstream that only ever sends 1xx', async () => {
    upstream = await rawUpstream((socket) => {
      const timer = setInterval(() => socket.write('HTTP/1.1 102 Processing\r\n\r\n'), 20)
      socket.on('close', () => clearInterval(timer))
    })
    serveProxy({ apiKey: API_KEY, baseUrl: upstream.url, timeoutMs: 200 })
    const response = await send(`${proxyServer.url}${OAUTH}`)
    expect(response.status).toBe(504)
    expect(response.json()).toEqual({ error: 'upstream_timeout' })
  })

  it('should settle within timeoutMs when a fetch answer has a body that ignores the abort', async () => {
    const { fetch } = fakeUpstream(() => new Response(new ReadableStream()))
    const pyas = createPyasProxy({ apiKey: API_KEY, timeoutMs: 100, fetch })
    const started = Date.now()
    const response = await pyas(proxyRequest(OAUTH_PATH))
    expect(await expectJson(response, 504)).toEqual({ error: 'upstream_timeout' })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('should answer 502 to a 5xx or 3xx with an endless body and drop the upstream socket', async () => {
    for (const status of ['500 Internal Server Error', '302 Found']) {
      let written = 0
      upstream = await rawUpstream((socket) => {
        socket.write(
          `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nLocation: /x\r\nTransfer-Encoding: chunked\r\n\r\n`,
        )
        const chunk = `4000\r\n${'x'.repeat(0x4000)}\r\n`
        const timer = setInterval(() => {
          if (socket.destroyed) return clearInterval(timer)
          written += 0x4000
          socket.write(chunk)
        }, 5)
      })
      serveProxy({ apiKey: API_KEY, baseUrl: upstream.url })
      const response = await send(`${proxyServer.url}${OAUTH}`)
      expect(response.status).toBe(502)
      expect(response.json()).toEqual({ error: 'bad_gateway' })
      await vi.waitFor(() => expect(upstream?.sockets[0]?.destroyed).toBe(true), { timeout: 1000 })
      expect(written).toBeLessThan(1024 * 1024)
      await upstream.close()
    }
  })

  it('should cancel an endless 5xx body from the fetch option instead of reading it', async () => {
    const cancel = vi.fn()
    const body = new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024)), cancel })
    const { fetch } = fakeUpstream(() => new Response(body, { status: 503 }))
    const response = await createPyasProxy({ apiKey: API_KEY, fetch })(proxyRequest(OAUTH_PATH))
    expect(await expectJson(response, 502)).toEqual({ error: 'bad_gateway' })
    expect(cancel).toHaveBeenCalledOnce()
  })
})

describe('createPyasProxy with deeply nested upstream JSON', () => {
  const nested = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
  const answer = (text: string) => () =>
    new Response(text, { headers: { 'content-type': 'application/json' } })

  for (const mode of ['fetch handler', 'node fast path'] as const) {
    describe(mode, () => {
      const harness = proxyHarness(mode)

      it('should answer 502, never 500, to JSON nested 200,000 levels deep', async () => {
        const error = vi.spyOn(console, 'error').mockImplementation(() => {})
        // With a backslash the body must be redacted as a value, which used to recurse.
        for (const text of [nested(200_000), nested(200_000, '"a\\\\b"')]) {
          const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream(answer(text)).fetch })
          expect(await expectJson(await pyas(proxyRequest(OAUTH_PATH)), 502)).toEqual({
            error: 'bad_gateway',
          })
        }
        expect(error).not.toHaveBeenCalled()
        error.mockRestore()
      })

      it('should pass 64 levels on and refuse 65, counting only brackets outside strings', async () => {
        const cases: [string, number][] = [
          [nested(64), 200],
          [nested(65), 502],
          [`{"a":"${'['.repeat(100)}","b":${nested(63)}}`, 200],
          [`{"a":"\\"${'{'.repeat(100)}"}`, 200],
          [`{"a":${nested(64)}}`, 502],
        ]
        for (const [text, status] of cases) {
          const pyas = harness.proxy({ apiKey: API_KEY, fetch: fakeUpstream(answer(text)).fetch })
          expect((await pyas(proxyRequest(OAUTH_PATH))).status, text.slice(0, 40)).toBe(status)
        }
      })
    })
  }
})

describe('createPyasProxy with a slow client body', () => {
  for (const withHook of [false, true]) {
    it(`should answer 408 request_timeout when a Node client trickles its body past timeoutMs${withHook ? ' (body read through the Request a hook saw)' : ''}`, async () => {
      const { fetch, calls } = fakeUpstream()
      serveProxy({
        apiKey: API_KEY,
        fetch,
        timeoutMs: 300,
        ...(withHook ? { authorize: () => true } : {}),
      })
      const started = Date.now()
      const response = await new Promise<NodeResponse & { elapsed: number }>((resolve, reject) => {
        const req = request(`${proxyServer.url}/api/pyas/google/connect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 1000 },
        })
        const body = `{"code":"${'c'.repeat(900)}","name":"Ada"}`
        let sent = 0
        const timer = setInterval(() => {
          if (sent < body.length) req.write(body[sent++])
        }, 50)
        req.on('response', (res) => {
          clearInterval(timer)
          collect(res).then((read) => resolve({ ...read, elapsed: Date.now() - started }), reject)
        })
        req.on('error', (error) => {
          clearInterval(timer)
          reject(error)
        })
      })
      expect(response.status).toBe(408)
      expect(response.json()).toEqual({ error: 'request_timeout' })
      expect(response.headers.connection).toBe('close')
      expect(response.elapsed).toBeLessThan(2000)
      expect(calls).toHaveLength(0)
    })
  }

  it('should answer 408 when a Fetch request body stalls past timeoutMs', async () => {
    const { fetch, calls } = fakeUpstream()
    const pyas = createPyasProxy({ apiKey: API_KEY, fetch, timeoutMs: 100 })
    const cancel = vi.fn()
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"code":')),
      cancel,
    })
    const response = await pyas(
      proxyRequest('/google/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    )
    expect(await expectJson(response, 408)).toEqual({ error: 'request_timeout' })
    expect(cancel).toHaveBeenCalledOnce()
    expect(calls).toHaveLength(0)
  })
})

describe('toNodeHandler with an absolute-form request target', () => {
  /** Sends `target` as the request line's target, with `host` as the Host header. */
  function sendTarget(
    target: string,
    init: { method?: string; body?: string; host?: string } = {},
  ): Promise<NodeResponse> {
    const { port } = new URL(proxyServer.url)
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: init.method ?? 'GET',
        path: target,
        headers: {
          host: init.host ?? 'app.example:8443',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      })
      req.on('response', (res: IncomingMessage) => collect(res).then(resolve, reject))
      req.on('error', reject)
      req.end(init.body)
    })
  }

  for (const path of ['node fast path', 'node generic path'] as const) {
    it(`should route on the path and show hooks the Host-based URL (${path})`, async () => {
      const seen: string[] = []
      const logger = { error: vi.fn(), warn: vi.fn() }
      const { fetch, calls } = fakeUpstream((call) =>
        call.method === 'GET'
          ? Response.json({ success: true, url: 'https://accounts.example/consent' })
          : Response.json({ success: true, data: { account: ACCOUNT } }),
      )
      const pyas = createPyasProxy({
        apiKey: API_KEY,
        fetch,
        logger,
        authorize: ({ request }: PyasAuthorizeContext) => {
          seen.push(request.url)
          return true
        },
        onConnected: (_account, { request }) => {
          seen.push(request.url)
        },
      })
      handler = toNodeHandler(path === 'node fast path' ? pyas : (request) => pyas(request))
      const attacker = 'http://evil.example/api/pyas'
      const withCredentials = 'http://us%0Aer:p%0Dass@evil.example:81/api/pyas'
      const oauth = await sendTarget(`${attacker}${OAUTH_PATH}`)
      expect(oauth.status).toBe(200)
      const connect = await sendTarget(`${withCredentials}/google/connect`, {
        method: 'POST',
        body: JSON.stringify({ code: 'c', name: 'Ada' }),
      })
      expect(connect.status).toBe(200)
      expect(seen).toEqual([
        `http://app.example:8443/api/pyas${OAUTH_PATH}`,
        'http://app.example:8443/api/pyas/google/connect',
        'http://app.example:8443/api/pyas/google/connect',
      ])
      expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
        '/google/oauth',
        '/google/connect',
      ])
      expect(logger.error).not.toHaveBeenCalled()
    })
  }

  it('should answer 404 to an absolute-form target whose path is not a route', async () => {
    serveProxy({ apiKey: API_KEY, fetch: fakeUpstream().fetch })
    const response = await sendTarget('http://evil.example/google/oauth/../../etc')
    expect(response.status).toBe(404)
    expect(response.json()).toEqual({ error: 'not_found' })
  })
})

// @vitest-environment node
// Fault injection: a real node:http app mounting the built proxy with toNodeHandler, and the built
// pyas-proxy bin, each in its own process, facing a hostile upstream and hostile clients on
// 127.0.0.1. After every case the process must still be alive, still answer a normal request, and
// have had no unhandled rejection or uncaught exception.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { connect } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, killAll, startBin, WEBHOOK_SECRET } from '../cli/bin.js'
import { send } from '../server/nodeClient.js'
import { startHostileUpstream, type UpstreamCase } from './hostileUpstream.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Long enough that a loaded machine never mistakes an immediate answer for a timed-out one.
const TIMEOUT_MS = 1500
const MiB = 1024 * 1024

interface Target {
  /** `http://127.0.0.1:port` */
  origin: string
  child: ChildProcess
  /** Unhandled rejections and uncaught exceptions the process has had. */
  faults(): Promise<string[]>
  stop(): Promise<void>
}

async function startApp(baseUrl: string): Promise<Target> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'test/faults/faultApp.mjs'), join(ROOT, 'dist/server/index.js')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PYAS_API_KEY: API_KEY,
        PYAS_BASE_URL: baseUrl,
        PYAS_TIMEOUT_MS: String(TIMEOUT_MS),
        PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer]
  const { port } = JSON.parse(line.toString()) as { port: number }
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    child,
    async faults() {
      return ((await send(`${origin}/__faults`)).json() as { faults: string[] }).faults
    },
    async stop() {
      child.kill()
      if (child.exitCode === null) await once(child, 'close')
    },
  }
}

async function startBinTarget(baseUrl: string): Promise<Target> {
  const bin = await startBin({
    PYAS_API_KEY: API_KEY,
    PYAS_BASE_URL: baseUrl,
    PYAS_TIMEOUT_MS: String(TIMEOUT_MS),
    PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  })
  return {
    origin: bin.url,
    child: bin.child,
    async faults() {
      // Node's default for either is to print it and exit; a live bin with a quiet stderr had none.
      const health = await send(`${bin.url}/healthz`)
      expect(health.status).toBe(200)
      expect(health.json()).toEqual({ ok: true })
      return bin.stderr().match(/.*(unhandled|uncaught).*/gi) ?? []
    },
    async stop() {
      await bin.stop()
    },
  }
}

/** Writes raw bytes on a fresh connection; resolves with everything read until it closes. */
function rawExchange(
  origin: string,
  write: (socket: ReturnType<typeof connect>) => void,
  maxMs = 5000,
): Promise<string> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let text = ''
    const timer = setTimeout(() => socket.destroy(), maxMs)
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(text)
    })
    socket.on('connect', () => write(socket))
  })
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0)
}

const upstreamCases: [UpstreamCase, number, string][] = [
  ['body2MiB', 502, 'bad_gateway'],
  ['body50MiB', 502, 'bad_gateway'],
  ['endless', 502, 'bad_gateway'],
  ['upgrade', 502, 'bad_gateway'],
  ['resetMidBody', 502, 'upstream_unreachable'],
  ['deepJson', 502, 'bad_gateway'],
  ['slowHeaders', 504, 'upstream_timeout'],
  ['redirectLoop', 502, 'bad_gateway'],
]

const CONNECT = '/api/pyas/google/connect'
const JSON_POST = `POST ${CONNECT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`

let upstream: Awaited<ReturnType<typeof startHostileUpstream>>
beforeAll(async () => {
  upstream = await startHostileUpstream()
})
afterAll(async () => {
  killAll()
  await upstream.close()
})

describe.each([
  { name: 'a node:http app with toNodeHandler', start: startApp },
  { name: 'the pyas-proxy bin', start: startBinTarget },
])('$name', ({ start }) => {
  let target: Target
  beforeAll(async () => {
    target = await start(upstream.url)
  })
  afterAll(() => target.stop())
  afterEach(async () => {
    expect(target.child.exitCode).toBeNull()
    expect(target.child.signalCode).toBeNull()
    const normal = await send(`${target.origin}/api/pyas/google/oauth?state=ok`)
    expect(normal.status).toBe(200)
    expect(normal.json()).toEqual({ success: true, url: 'https://accounts.example/consent' })
    expect(await target.faults()).toEqual([])
  })

  it.each(upstreamCases)(
    'should answer an upstream %s with %i %s and keep serving',
    async (name, status, error) => {
      const started = Date.now()
      const response = await send(`${target.origin}/api/pyas/google/oauth?state=${name}`)
      expect(response.status).toBe(status)
      expect(response.json()).toEqual({ error })
      expect(response.headers['cache-control']).toBe('no-store')
      // Only the timeout case waits for the timeout; every other one is answered at once.
      if (status !== 504) expect(Date.now() - started).toBeLessThan(TIMEOUT_MS)
    },
  )

  it('should drop a 50 MiB upstream body after the 1 MiB cap instead of reading it all', async () => {
    const response = await send(`${target.origin}/api/pyas/google/oauth?state=body50MiB`)
    expect(response.status).toBe(502)
    const connection = upstream.connections.at(-1)
    expect(connection?.case).toBe('body50MiB')
    await expect.poll(() => connection?.socket.destroyed).toBe(true)
    expect(connection?.written.bytes).toBeLessThan(50 * MiB)
  })

  it('should survive a client that aborts mid-body', async () => {
    const raw = await rawExchange(target.origin, (socket) => {
      socket.write(`${JSON_POST}Content-Length: 100\r\n\r\n{"code":"`)
      setTimeout(() => socket.destroy(), 50)
    })
    expect(raw).toBe('')
  })

  it('should answer 408 to a client sending one byte a second', async () => {
    const body = '{"code":"abc","name":"Ada"}'
    const started = Date.now()
    const raw = await rawExchange(target.origin, (socket) => {
      socket.write(`${JSON_POST}Content-Length: ${body.length}\r\n\r\n`)
      let sent = 0
      const timer = setInterval(() => {
        if (socket.destroyed || sent >= body.length) return clearInterval(timer)
        socket.write(body[sent++] as string)
      }, 1000)
      socket.on('close', () => clearInterval(timer))
    })
    expect(statusOf(raw)).toBe(408)
    expect(raw).toContain('{"error":"request_timeout"}')
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000)
  })

  it('should answer 413 to an oversized body, declared or chunked, without reading it', async () => {
    const declared = await rawExchange(target.origin, (socket) => {
      socket.write(`${JSON_POST}Content-Length: ${50 * MiB}\r\n\r\n{"code":"`)
    })
    expect(statusOf(declared)).toBe(413)
    const chunked = await rawExchange(target.origin, (socket) => {
      socket.write(`${JSON_POST}Transfer-Encoding: chunked\r\n\r\n`)
      const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer)
        socket.write(chunk)
      }, 5)
      socket.on('close', () => clearInterval(timer))
    })
    expect(statusOf(chunked)).toBe(413)
    expect(chunked).toContain('{"error":"payload_too_large"}')
  })

  it('should answer 413 to an oversized webhook and survive one that aborts mid-body', async () => {
    const post = `POST /api/webhooks/pyas?token=${WEBHOOK_SECRET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`
    const oversized = await rawExchange(target.origin, (socket) => {
      socket.write(`${post}Transfer-Encoding: chunked\r\n\r\n`)
      const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer)
        socket.write(chunk)
      }, 5)
      socket.on('close', () => clearInterval(timer))
    })
    expect(statusOf(oversized)).toBe(413)
    const aborted = await rawExchange(target.origin, (socket) => {
      socket.write(
        `${post}X-Pyas-Account-Id: a\r\nX-Pyas-Webhook-Event: calendars.created\r\nX-Provider: google\r\nContent-Length: 100\r\n\r\n{"calendarIds":`,
      )
      setTimeout(() => socket.destroy(), 50)
    })
    expect(aborted).toBe('')
  })

  it('should refuse a request smuggled with both Content-Length and Transfer-Encoding', async () => {
    const smuggled = 'GET /api/pyas/google/oauth?state=ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
    const raw = await rawExchange(target.origin, (socket) => {
      socket.write(
        `${JSON_POST}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      )
    })
    expect(statusOf(raw)).toBe(400)
    // One answer on the connection: the smuggled request was never served.
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1)
  })
})

describe('a node:http app whose hooks throw', () => {
  let target: Target
  beforeAll(async () => {
    target = await startApp(upstream.url)
  })
  afterAll(() => target.stop())

  it('should answer 500 for a throwing authorize, onConnected and onEvent, and keep serving', async () => {
    const thrown = await send(`${target.origin}/api/pyas/google/oauth?state=ok`, {
      headers: { 'x-throw': 'authorize' },
    })
    expect(thrown.status).toBe(500)
    expect(thrown.json()).toEqual({ error: 'internal_error' })
    const connect = await send(`${target.origin}/api/pyas/google/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'c', name: 'Ada' }),
    })
    expect(connect.status).toBe(500)
    expect(connect.json()).toEqual({ error: 'internal_error' })
    const webhook = await send(`${target.origin}/api/webhooks/pyas?token=${WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: {
        'x-pyas-account-id': 'acc_1',
        'x-pyas-webhook-event': 'account.inactive',
        'x-provider': 'google',
      },
    })
    expect(webhook.status).toBe(500)
    expect(webhook.json()).toEqual({ error: 'internal_error' })
    expect(target.child.exitCode).toBeNull()
    expect((await send(`${target.origin}/api/pyas/google/oauth?state=ok`)).status).toBe(200)
    expect(await target.faults()).toEqual([])
  })
})

// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const SERVER = fileURLToPath(new URL('../../demo/server.mjs', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Resolves once something accepts TCP connections on the port (polling every 5 ms). */
async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`nothing listened on ${port} in time`)
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer from ${url}`)))
    req.on('error', reject)
    req.end()
  })
}

let child: ChildProcess | undefined
let dataDir: string | undefined
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('demo server start-up', () => {
  it('should answer requests that arrive while it is still starting, once it is ready', async () => {
    const port = await freePort()
    dataDir = await mkdtemp(join(tmpdir(), 'pyas-demo-startup-'))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PYAS_DEMO_FAKE_KEY: 'startup_test_key_123',
      DEMO_DATA_DIR: dataDir,
    }
    delete env.PYAS_API_KEY
    delete env.PYAS_BASE_URL
    delete env.DATABASE_URL
    child = spawn(process.execPath, [SERVER, '--port', String(port)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    await waitForPort(port, Date.now() + 20_000)
    const readyBeforeRequests = output.includes('Demo ready')
    const base = `http://127.0.0.1:${port}`
    const answers = await Promise.all([
      get(`${base}/api/session`),
      // No session cookie: the proxy's `authorize` refuses it, but it is answered all the same.
      get(`${base}/api/pyas/google/oauth?email=ada%40example.com`),
    ])
    // The requests above went out before the server said it was ready; they still get answers.
    expect(readyBeforeRequests, output).toBe(false)
    expect(answers.map((answer) => answer.status)).toEqual([200, 401])
    expect(JSON.parse(answers[0]?.body ?? '')).toMatchObject({ user: { email: 'ada@example.com' } })
    expect(JSON.parse(answers[1]?.body ?? '')).toEqual({ error: 'unauthorized' })
    expect(output).toContain('Demo ready')
  }, 40_000)
})

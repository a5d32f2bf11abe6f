// Starts `node demo/server.mjs --port 0` as a child process (exactly what `npm start` runs) and
// reads the URL it prints. Its proxy log lines tell what reached the proxy.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SERVER = fileURLToPath(new URL('../../demo/server.mjs', import.meta.url))
const READY = /Demo ready at (http:\/\/127\.0\.0\.1:\d+\/)/
const PROXY_LINE = /^\[proxy\] (GET|POST) (\S+) → (\d+)/

/**
 * Each demo gets its own PGlite data folder (removed by `stop()`), so runs never share accounts;
 * `restart()` stops the process and starts a new one on the same port and folder, as a developer
 * restarting `npm start` would.
 * @returns {Promise<{url: string, origin: string, port: number, fakeKey: string, startMs: number,
 *   output: string[], proxyCalls: (since?: number) => Array<{method: string, path: string,
 *   status: number}>, mark: () => number, restart: () => Promise<void>, stop: () => Promise<void>}>}
 */
export async function startDemo({ bundle = true, timeoutMs = 30_000 } = {}) {
  // A key we know, so the tests can prove it never reaches the browser. Offline mode only.
  const fakeKey = `e2e_${randomBytes(18).toString('base64url')}`
  const dataDir = await mkdtemp(join(tmpdir(), 'pyas-demo-e2e-'))
  const output = []
  let current
  try {
    current = await spawnDemo({ bundle, timeoutMs, fakeKey, dataDir, port: 0, output })
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }

  const proxyCalls = (since = 0) =>
    output
      .slice(since)
      .map((line) => PROXY_LINE.exec(line))
      .filter(Boolean)
      .map(([, method, path, status]) => ({ method, path, status: Number(status) }))

  const demo = {
    url: current.url,
    origin: new URL(current.url).origin,
    port: Number(new URL(current.url).port),
    fakeKey,
    startMs: current.startMs,
    output,
    proxyCalls,
    /** The position in the log to count proxy calls from. */
    mark: () => output.length,
    async restart() {
      await current.stop()
      current = await spawnDemo({ bundle, timeoutMs, fakeKey, dataDir, port: demo.port, output })
    },
    async stop() {
      try {
        await current.stop()
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  }
  return demo
}

async function spawnDemo({ bundle, timeoutMs, fakeKey, dataDir, port, output }) {
  const env = {
    ...process.env,
    PORT: String(port),
    PYAS_DEMO_FAKE_KEY: fakeKey,
    DEMO_DATA_DIR: dataDir,
  }
  delete env.PYAS_API_KEY
  delete env.PYAS_BASE_URL
  delete env.DATABASE_URL
  const started = performance.now()
  const since = output.length
  const args = [SERVER, '--port', String(port), ...(bundle ? ['--build'] : [])]
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const collect = (stream) => {
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      output.push(...lines)
    })
  }
  collect(child.stdout)
  collect(child.stderr)

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('demo server did not start in time')),
      timeoutMs,
    )
    const poll = setInterval(() => {
      const line = output.slice(since).find((text) => READY.test(text))
      if (line) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve(READY.exec(line)[1])
      }
    }, 20)
    exited.then(({ code, signal }) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`demo server exited (${code ?? signal}):\n${output.join('\n')}`))
    })
  })

  return {
    url,
    startMs: Math.round(performance.now() - started),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      const { code, signal } = await exited
      clearTimeout(timer)
      if (code !== 0) throw new Error(`demo server stopped badly (${code ?? signal})`)
    },
  }
}

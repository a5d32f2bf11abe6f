// Benchmarks the Pyas proxy against a bare node:http proxy and http-proxy-middleware.
//
//   node bench/proxy.mjs                   (after `npm run build`: uses dist/server/index.js)
//   PYAS_SERVER_MODULE=/tmp/pyas-server.mjs node bench/proxy.mjs
//   BENCH_REQUESTS=20000 BENCH_CONNECTIONS=20 BENCH_ROUNDS=3 node bench/proxy.mjs
//
// Every server runs in its own child process (so autocannon, the proxy and the upstream do not
// share one event loop), binds 127.0.0.1 on port 0, and is killed when the run ends.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { Agent, createServer, request } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'

const API_KEY = 'pyas_bench_key_0123456789'
const UPSTREAM_BODY = JSON.stringify({ success: true, url: 'https://example.test/consent' })
const QUERY = '?email=a@b.co&state=pyas_x'
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CASE_TIMEOUT_MS = 120_000

/** Starts one server of `role` and resolves with its port once it listens. */
async function serve(role, upstreamPort) {
  const { server, ready } = await roles[role](upstreamPort)
  server.keepAliveTimeout = 30_000
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  await ready
  return server.address().port
}

const roles = {
  // (a) the upstream: a trivial Pyas stand-in.
  async upstream() {
    const server = createServer((req, res) => {
      req.resume()
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': UPSTREAM_BODY.length,
      })
      res.end(UPSTREAM_BODY)
    })
    return { server }
  },

  // (b) @pyas/react/server through toNodeHandler, as the README mounts it on plain node:http.
  async pyas(upstreamPort) {
    const modulePath = process.env.PYAS_SERVER_MODULE
      ? pathToFileURL(process.env.PYAS_SERVER_MODULE).href
      : new URL('../dist/server/index.js', import.meta.url).href
    const { createPyasProxy, toNodeHandler } = await import(modulePath)
    const pyas = createPyasProxy({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${upstreamPort}` })
    return { server: createServer(toNodeHandler(pyas)) }
  },

  // (c) http-proxy-middleware v3 in Express 5, adding the key (keep-alive agent, like the others).
  async hpm(upstreamPort) {
    const { default: express } = await import('express')
    const { createProxyMiddleware } = await import('http-proxy-middleware')
    const app = express()
    app.use(
      '/api/pyas',
      createProxyMiddleware({
        target: `http://127.0.0.1:${upstreamPort}`,
        agent: new Agent({ keepAlive: true }),
        headers: { 'x-api-key': API_KEY },
      }),
    )
    return { server: createServer(app) }
  },

  // (d) the floor: a bare keep-alive node:http proxy with no checks at all.
  async bare(upstreamPort) {
    const agent = new Agent({ keepAlive: true })
    const server = createServer((req, res) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          path: req.url.slice('/api/pyas'.length),
          method: req.method,
          headers: { 'x-api-key': API_KEY, accept: 'application/json' },
          agent,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode, upstreamRes.headers)
          upstreamRes.pipe(res)
        },
      )
      upstream.on('error', () => res.writeHead(502).end())
      req.pipe(upstream)
    })
    return { server }
  },
}

/** Forks this file as a server of `role`; resolves with a handle to it. */
async function spawn(role, upstreamPort) {
  const child = fork(fileURLToPath(import.meta.url), ['--role', role, String(upstreamPort ?? '')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [message] = await once(child, 'message')
  return {
    child,
    port: message.port,
    /** CPU time the server process has used so far, in microseconds. */
    async cpu() {
      child.send('cpu')
      const [reply] = await once(child, 'message')
      return reply.cpu
    },
  }
}

async function cannon(url, amount) {
  const { default: autocannon } = await import('autocannon')
  const started = process.hrtime.bigint()
  const instance = autocannon({ url, connections: CONNECTIONS, amount, pipelining: 1 })
  const timer = setTimeout(() => instance.stop(), CASE_TIMEOUT_MS)
  const result = await instance
  clearTimeout(timer)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const failures = result.errors + result.timeouts + result.non2xx
  if (failures > 0) throw new Error(`${url}: ${failures} failed requests`)
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99 }
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const children = []
  try {
    const upstream = await spawn('upstream')
    children.push(upstream.child)
    const cases = [{ label: '(a) upstream alone', server: upstream, path: '' }]
    for (const [label, role] of [
      ['(b) @pyas/react/server via toNodeHandler', 'pyas'],
      ['(c) http-proxy-middleware 3 in Express 5', 'hpm'],
      ['(d) bare node:http keep-alive proxy', 'bare'],
    ]) {
      const server = await spawn(role, upstream.port)
      children.push(server.child)
      cases.push({ label, server, path: '/api/pyas' })
    }
    for (const item of cases) {
      item.url = `http://127.0.0.1:${item.server.port}${item.path}/google/oauth${QUERY}`
      item.runs = []
      await cannon(item.url, Math.min(2_000, REQUESTS)) // warm-up: JIT, agents, sockets
    }
    // Rounds interleave the cases so a noisy neighbour slows them all alike; medians are reported.
    for (let round = 0; round < ROUNDS; round++) {
      for (const item of cases) {
        const cpuBefore = await item.server.cpu()
        const run = await cannon(item.url, REQUESTS)
        run.cpuPerRequest = (await item.server.cpu()) - cpuBefore
        run.cpuPerRequest /= REQUESTS
        item.runs.push(run)
      }
    }
    const rows = cases.map(({ label, runs }) => ({
      label,
      rps: median(runs.map((r) => r.rps)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      cpu: median(runs.map((r) => r.cpuPerRequest)),
    }))
    const [, b, c, d] = rows
    console.log(
      `\n${REQUESTS} requests per case and round, ${ROUNDS} rounds (medians), ${CONNECTIONS} connections, Node ${process.version}\n`,
    )
    console.log('| case | req/s | p50 (ms) | p99 (ms) | server CPU per request (µs) |')
    console.log('| --- | ---: | ---: | ---: | ---: |')
    for (const row of rows) {
      console.log(
        `| ${row.label} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${Math.round(row.cpu)} |`,
      )
    }
    console.log(
      `\nb/d = ${(b.rps / d.rps).toFixed(2)} (target ≥ 0.70), b/c = ${(b.rps / c.rps).toFixed(2)} (target ≥ 1.50), b p99 = ${b.p99} ms (target ≤ 20)`,
    )
    console.log(
      `CPU per request, d/b = ${(d.cpu / b.cpu).toFixed(2)}, c/b = ${(c.cpu / b.cpu).toFixed(2)} (the proxy process only; steadier than req/s on a busy machine)`,
    )
  } finally {
    for (const child of children) child.kill()
  }
}

if (process.argv[2] === '--role') {
  const port = await serve(process.argv[3], Number(process.argv[4]))
  process.send({ port })
  process.on('message', () => {
    const { user, system } = process.cpuUsage()
    process.send({ cpu: user + system })
  })
  process.on('disconnect', () => process.exit(0))
} else {
  await main()
}

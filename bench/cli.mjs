// Measures the pyas-proxy bin: start-up time, memory at rest (the kernel's own accounting,
// /proc/<pid>/status), and its throughput against toNodeHandler on plain node:http, in one run.
//
//   npm run build && node bench/cli.mjs
//   BENCH_REQUESTS=10000 BENCH_CONNECTIONS=20 BENCH_ROUNDS=3 BENCH_STARTS=5 node bench/cli.mjs
//
// Every server runs in its own process on 127.0.0.1 (the upstream and the toNodeHandler server are
// bench/proxy.mjs's roles), and everything is killed when the run ends. Linux only (/proc).
import { fork, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../dist/cli/pyas-proxy.js', import.meta.url))
const PROXY_BENCH = fileURLToPath(new URL('./proxy.mjs', import.meta.url))
const API_KEY = 'pyas_bench_key_0123456789'
const QUERY = '/google/oauth?email=a@b.co&state=pyas_x'
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const STARTS = Number(process.env.BENCH_STARTS ?? 5)
const children = new Set()

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** VmRSS and VmHWM of a process, in MiB, as the kernel counts them. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 }
}

/** CPU time (user + system) a process has used, in ms (the kernel counts in clock ticks). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Starts the bin; resolves once it printed "listening", with the time that took. */
async function startBin(env) {
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', PYAS_API_KEY: API_KEY, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  children.add(child)
  let stderr = ''
  const url = await new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk
      const match = /"msg":"listening","url":"([^"]+)"/.exec(stderr)
      if (match) resolve(match[1])
    })
    child.on('close', (code) => reject(new Error(`pyas-proxy exited ${code}: ${stderr}`)))
  })
  return { child, url, ms: Number(process.hrtime.bigint() - started) / 1e6 }
}

/** Forks one of bench/proxy.mjs's servers (`upstream`, `pyas`); resolves with its port. */
async function role(name, upstreamPort) {
  const child = fork(PROXY_BENCH, ['--role', name, String(upstreamPort ?? '')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  children.add(child)
  const [message] = await once(child, 'message')
  return { child, port: message.port }
}

async function cannon(url, amount) {
  const { default: autocannon } = await import('autocannon')
  const started = process.hrtime.bigint()
  const instance = autocannon({ url, connections: CONNECTIONS, amount, pipelining: 1 })
  const timer = setTimeout(() => instance.stop(), 120_000)
  const result = await instance
  clearTimeout(timer)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const failures = result.errors + result.timeouts + result.non2xx
  if (failures > 0) throw new Error(`${url}: ${failures} failed requests`)
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99 }
}

async function main() {
  // 1. Start-up: spawn to "listening", and a bare node's spawn to its first output for scale.
  const bare = []
  for (let i = 0; i < STARTS; i++) {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, ['-e', 'process.stderr.write("x")'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    await once(child.stderr, 'data')
    bare.push(Number(process.hrtime.bigint() - started) / 1e6)
    await once(child, 'close')
  }
  const starts = []
  for (let i = 0; i < STARTS; i++) {
    const bin = await startBin({})
    starts.push(bin.ms)
    bin.child.kill('SIGTERM')
    await once(bin.child, 'close')
  }

  // 2. Memory at rest and 3. throughput, against the same upstream.
  const upstream = await role('upstream')
  const base = `http://127.0.0.1:${upstream.port}`
  const bin = await startBin({ PYAS_BASE_URL: base })
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const atRest = memory(bin.child.pid)
  const nodeHandler = await role('pyas', upstream.port)
  const cases = [
    {
      label: 'pyas-proxy bin (logs every request to stdout)',
      url: `${bin.url}/api/pyas${QUERY}`,
      pid: bin.child.pid,
      runs: [],
    },
    {
      label: 'toNodeHandler(createPyasProxy) on node:http',
      url: `http://127.0.0.1:${nodeHandler.port}/api/pyas${QUERY}`,
      pid: nodeHandler.child.pid,
      runs: [],
    },
  ]
  for (const item of cases) await cannon(item.url, Math.min(2_000, REQUESTS)) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const item of cases) {
      const before = cpuMs(item.pid)
      const run = await cannon(item.url, REQUESTS)
      run.cpuUs = ((cpuMs(item.pid) - before) * 1000) / REQUESTS
      item.runs.push(run)
    }
  }
  const afterLoad = memory(bin.child.pid)
  const handlerMemory = memory(nodeHandler.child.pid)

  console.log(
    `\nNode ${process.version}; medians of ${STARTS} starts, ${ROUNDS} rounds of ${REQUESTS} requests, ${CONNECTIONS} connections\n`,
  )
  console.log('| measure | value |')
  console.log('| --- | ---: |')
  console.log(`| bare \`node -e\` (spawn to its first output) | ${median(bare).toFixed(0)} ms |`)
  console.log(`| pyas-proxy start-up (spawn to "listening") | ${median(starts).toFixed(0)} ms |`)
  console.log(
    `| pyas-proxy RSS at rest (VmRSS, 1 s after listening) | ${atRest.rss.toFixed(1)} MiB |`,
  )
  console.log(
    `| pyas-proxy RSS after the load (VmRSS / peak VmHWM) | ${afterLoad.rss.toFixed(1)} / ${afterLoad.hwm.toFixed(1)} MiB |`,
  )
  console.log(
    `| toNodeHandler server RSS after the load (VmRSS / peak VmHWM) | ${handlerMemory.rss.toFixed(1)} / ${handlerMemory.hwm.toFixed(1)} MiB |`,
  )
  console.log('\n| server | req/s | p50 (ms) | p99 (ms) | server CPU per request (µs) |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const { label, runs } of cases) {
    const rps = median(runs.map((run) => run.rps))
    console.log(
      `| ${label} | ${Math.round(rps)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${Math.round(median(runs.map((r) => r.cpuUs)))} |`,
    )
  }
  const [cli, handler] = cases.map(({ runs }) => median(runs.map((run) => run.rps)))
  console.log(`\nbin / toNodeHandler = ${(cli / handler).toFixed(2)}`)
}

try {
  await main()
} finally {
  for (const child of children) child.kill('SIGKILL')
}

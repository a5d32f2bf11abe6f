// `npm run bench`: every benchmark in one run, each printing its own markdown table. Not part of
// `npm test`. Builds the library first when dist/ is missing; bench/size.mjs installs bench/'s own
// devDependencies (the libraries it compares against) when they are missing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const step = (title, command, args) => {
  console.log(`\n## ${title}\n`)
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit' })
  console.log(`\n_(${((Date.now() - started) / 1000).toFixed(1)} s)_`)
  if (result.status !== 0) {
    console.error(`bench: "${title}" failed`)
    process.exitCode = 1
  }
}

console.log(`# @pyas/react benchmarks — ${new Date().toISOString().slice(0, 10)}`)
console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
)
if (!existsSync('dist/index.js') || !existsSync('dist/server/index.js')) {
  step('Build', 'npm', ['run', '-s', 'build'])
}
step('1. Bundle size side by side (min + gzip, peers external)', 'node', ['bench/size.mjs'])
step('2. Proxy throughput and latency (autocannon, loopback)', 'node', ['bench/proxy.mjs'])
step('3. Click to navigation (headless Chromium, demo)', 'node', ['bench/click-to-navigation.mjs'])
step('4. Renders per round trip', 'node', ['bench/renders.mjs'])
step('5. pyas-proxy bin: start-up, memory, throughput against toNodeHandler', 'node', [
  'bench/cli.mjs',
])

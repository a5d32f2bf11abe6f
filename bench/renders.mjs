// React commits of a ConnectGoogleButton per round trip, counted with React's <Profiler> by the
// unit test test/react/renders.test.tsx (which also asserts the upper bound). This prints them.
import { spawnSync } from 'node:child_process'

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'unit', 'test/react/renders.test.tsx', '--reporter=verbose'],
  { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
)
const output = `${run.stdout}\n${run.stderr}`
const rows = [...output.matchAll(/renders per round trip \(([^)]+)\): (\d+)/g)]
if (run.status !== 0 || rows.length === 0) {
  console.error(output)
  process.exit(1)
}
console.log('| path | React commits (Profiler, no StrictMode) |')
console.log('| --- | ---: |')
for (const [, path, commits] of rows) console.log(`| ${path} | ${commits} |`)

// `npm run test:e2e`: the demo in real headless Chromium. Starts `demo/server.mjs` on free ports,
// runs every test in a fresh browser context, writes test-results/e2e.json, exits 1 on a failure.
//
// Tests run in E2E_WORKERS lanes (default 2), each lane with its own demo server, so the proxy log
// a test reads holds its lane's requests only. Tests marked `serial` (the timing) run alone after.
//   E2E_ONLY=popup   run the tests whose name contains "popup"
//   E2E_DEV=1        test the HMR dev server (`npm start` as is) instead of the bundled app
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs'
import { calendarsTests } from './calendarsTests.mjs'
import { startDemo } from './demoServer.mjs'
import { dialogTests } from './dialogTests.mjs'
import { embeddedTests } from './embeddedTests.mjs'
import { runTests } from './harness.mjs'
import { lifecycleTests } from './lifecycleTests.mjs'
import { popupTests } from './popupTests.mjs'
import { qualityTests } from './qualityTests.mjs'
import { roundTripTests } from './roundTripTests.mjs'
import { tabsTests } from './tabsTests.mjs'

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))
const started = performance.now()
const only = process.env.E2E_ONLY?.toLowerCase()
const bundle = process.env.E2E_DEV !== '1'
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2) || 1)

const tests = [
  ...roundTripTests,
  ...popupTests,
  ...dialogTests,
  ...lifecycleTests,
  ...embeddedTests,
  ...qualityTests,
  ...tabsTests,
  ...calendarsTests,
].filter((test) => !only || test.name.toLowerCase().includes(only))
const parallel = tests.filter((test) => !test.serial)
const lanes = Array.from({ length: Math.max(1, Math.min(workers, parallel.length)) }, () => [])
for (const [index, test] of parallel.entries()) lanes[index % lanes.length].push(test)

function launchBrowser(extraArgs = []) {
  return import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      ...chromiumLaunchOptions,
      args: [...chromiumLaunchOptions.args, ...extraArgs],
    }),
  )
}

// Playwright turns Chrome's storage partitioning off (its own --disable-features list includes
// ThirdPartyStoragePartitioning); a later --disable-features of ours replaces that list, so this
// launch partitions a cross-site frame's storage as a user's Chrome does. The default launch
// stands for browsers that block third-party storage outright.
const PARTITIONED_ARGS = [
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,MediaRouter,PaintHolding',
]
let partitioned
const browsers = {
  blocked: () => browser,
  partitioned: () => {
    partitioned ??= launchBrowser(PARTITIONED_ARGS)
    return partitioned
  },
}

const demos = []
let browser
const byName = new Map()
const metrics = {}
let fatal
try {
  // The servers and the browser start side by side.
  const settled = await Promise.allSettled([
    launchBrowser(),
    ...lanes.map(() =>
      startDemo({ bundle }).then((demo) => {
        demos.push(demo) // stopped in `finally`, even when another start failed
        return demo
      }),
    ),
  ])
  const failure = settled.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
  browser = settled[0].value
  const laneDemos = settled.slice(1).map((result) => result.value)
  for (const demo of laneDemos)
    console.log(`demo server at ${demo.url} (ready in ${demo.startMs} ms)`)
  const record = (results) => {
    for (const result of results) byName.set(result.name, result)
  }
  await Promise.all(
    lanes.map((laneTests, lane) =>
      runTests(laneTests, { browser, browsers, demo: laneDemos[lane], metrics }).then(record),
    ),
  )
  record(
    await runTests(
      tests.filter((test) => test.serial),
      { browser, browsers, demo: laneDemos[0], metrics },
    ),
  )
} catch (error) {
  fatal = error
  console.log(`✗ e2e setup: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  await browser?.close().catch(() => {})
  await partitioned?.then((launched) => launched.close()).catch(() => {})
  for (const demo of demos) {
    await demo.stop().catch((error) => {
      fatal ??= error
      console.log(`✗ demo server shutdown: ${error.message}`)
    })
  }
}

const results = tests.map((test) => byName.get(test.name)).filter(Boolean)
const passed = results.filter((result) => result.passed).length
const failed = results.length - passed + (fatal ? 1 : 0)
const report = {
  numPassedTests: passed,
  numFailedTests: failed,
  numTotalTests: passed + failed,
  clickToConnectedMs: metrics.clickToConnectedMs ?? null,
  clickToConnectedSamplesMs: metrics.clickToConnectedSamplesMs ?? [],
  tabRace: metrics.tabRace ?? null,
  durationMs: Math.round(performance.now() - started),
  tests: results,
}
await mkdir(RESULTS_DIR, { recursive: true })
await writeFile(`${RESULTS_DIR}e2e.json`, `${JSON.stringify(report, null, 2)}\n`)
if (failed > 0) {
  for (const demo of demos) console.log(`demo server output:\n${demo.output.slice(-30).join('\n')}`)
}
console.log(`e2e: ${passed} passed, ${failed} failed (${(report.durationMs / 1000).toFixed(1)} s)`)
process.exit(failed > 0 ? 1 : 0)

#!/usr/bin/env node
// Consumer check: installs the packed tarball (what a customer really gets, not the source tree)
// into a fresh temp project and uses it the way customers do.
//
//   npm run build && npm run check:consumer
//   KEEP_CONSUMER_TMP=1 npm run check:consumer     keep the temp project for a look afterwards
//
// (a) a Vite + React app (App imports PyasProvider + ConnectGoogleButton + styles.css), built with
//     `vite build`; its client bundle must contain neither `x-api-key` nor proxy code;
// (b) an Express 5 server (createPyasProxy + toNodeHandler from /server, createFakePyas from
//     /testing as upstream), a CommonJS `require()` smoke of all three entry points, and /server,
//     createFakePyas and `pyas-proxy --fake --check` from a bare copy of the package (a proxy-only
//     install needs no dependency; only pyasHandlers needs msw);
// (c) one Chromium round trip (playwright-core, Debian chromium): Connect → fake consent "Allow" →
//     back on the app with the connected account's accountId rendered;
// (d) tsc --strict on consumer files against the published types: nodenext (an ESM .tsx and a
//     CommonJS .cts in one program) and bundler resolution;
// (e) Jest 30 with no transform, so through the `require` conditions: in jsdom a click on
//     ConnectGoogleButton and the return with a code (onConnected), in Node the proxy against the
//     fake Pyas from /testing;
// (f) the pyas-proxy bin through `npx -p <tarball> pyas-proxy --check` (exit 0 with PYAS_API_KEY,
//     exit 2 naming it without).
// Prints `consumer: N passed, M failed`, writes test-results/consumer.json, exits 1 on a failure.
// Everything it starts (server, browser) is stopped. About a minute on a quiet 2-core machine;
// a watchdog ends the run after 5.5 minutes (a heavily loaded one needed about 3).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const FIXTURES = fileURLToPath(new URL('./consumer/', import.meta.url))
const TSC = join(ROOT, 'node_modules/.bin/tsc')
const CHROMIUM = CHROMIUM_PATH
// Exact pins, the same versions the repo itself is tested with.
const DEPENDENCIES = {
  '@tanstack/react-query': '5.108.0',
  express: '5.3.0',
  react: '19.3.1',
  'react-dom': '19.3.1',
}
const DEV_DEPENDENCIES = {
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
  '@vitejs/plugin-react': '6.3.0',
  jest: '30.5.2', // (e): Jest-style setups load the `require` build
  'jest-environment-jsdom': '30.5.2',
  msw: '2.15.0', // optional peer: only pyasHandlers needs it (see the "without msw" check)
  vite: '8.3.8',
}
const WATCHDOG_MS = 330_000
const startedAt = performance.now()

const results = [] // { name, ok, ms, detail }
const children = new Set()
let browser
let tmp

// Child processes must not inherit `npm run`'s npm_* settings (npm_config_local_prefix would point
// the temp project's npm at this repo).
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
)

function elapsed(since) {
  return Math.round(performance.now() - since)
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}

/** Runs a command; resolves with its output, rejects with the output's tail on failure or timeout. */
function run(command, args, { cwd, timeoutMs = 60_000, env = childEnv } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')}: timed out after ${seconds(timeoutMs)}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      children.delete(child)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (code === 0) resolve(output)
      else {
        const tail = output.trim().split('\n').slice(-25).join('\n')
        reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}\n${tail}`))
      }
    })
  })
}

/**
 * Records one check. A check whose prerequisite failed is not run and counts as failed, so the
 * numbers never claim more than was verified.
 */
async function check(name, fn, { needs = [] } = {}) {
  const missing = needs.filter((need) => !results.find((r) => r.name === need)?.ok)
  if (missing.length > 0) {
    results.push({ name, ok: false, ms: 0, detail: `not run: needs "${missing.join('", "')}"` })
    console.log(`✗ ${name} — not run (needs "${missing.join('", "')}")`)
    return undefined
  }
  const start = performance.now()
  try {
    const value = await fn()
    const ms = elapsed(start)
    const note = typeof value === 'string' ? ` — ${value}` : ''
    results.push({ name, ok: true, ms })
    console.log(`✓ ${name} (${seconds(ms)})${note}`)
    return value
  } catch (error) {
    const ms = elapsed(start)
    const detail = error instanceof Error ? error.message : String(error)
    results.push({ name, ok: false, ms, detail })
    console.log(`✗ ${name} (${seconds(ms)})\n    ${detail.replaceAll('\n', '\n    ')}`)
    return undefined
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function writeReport() {
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  mkdirSync(join(ROOT, 'test-results'), { recursive: true })
  writeFileSync(
    join(ROOT, 'test-results/consumer.json'),
    `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed })}\n`,
  )
  return { passed, failed }
}

async function cleanUp() {
  await browser?.close().catch(() => {})
  for (const child of children) child.kill('SIGKILL')
  if (tmp && !process.env.KEEP_CONSUMER_TMP) rmSync(tmp, { recursive: true, force: true })
  else if (tmp) console.log(`(kept ${tmp})`)
}

function finish() {
  const { passed, failed } = writeReport()
  console.log('\nstep timings:')
  for (const r of results) console.log(`  ${seconds(r.ms).padStart(7)}  ${r.name}`)
  console.log(`  ${seconds(elapsed(startedAt)).padStart(7)}  total`)
  console.log(`consumer: ${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}

const watchdog = setTimeout(async () => {
  console.log(`✗ watchdog: the consumer check ran over ${seconds(WATCHDOG_MS)}; stopping`)
  results.push({ name: 'finishes in time', ok: false, ms: WATCHDOG_MS, detail: 'watchdog' })
  await cleanUp()
  process.exit(finish() || 1)
}, WATCHDOG_MS)
watchdog.unref()

// ---------------------------------------------------------------------------------------------

const REQUIRED_DIST = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/server/index.js',
  'dist/testing/index.js',
  'dist/styles.css',
  'dist/cli/pyas-proxy.js',
]
const missingDist = REQUIRED_DIST.filter((file) => !existsSync(join(ROOT, file)))
if (missingDist.length > 0) {
  console.error(
    `consumer: ${missingDist.join(', ')} missing. Run \`npm run build\` first ` +
      '(the check installs the packed build, not the source).',
  )
  results.push({ name: 'dist/ is built', ok: false, ms: 0 })
  process.exit(finish())
}

tmp = mkdtempSync(join(tmpdir(), 'pyas-consumer-'))
const project = join(tmp, 'app')
const apiKey = `consumer_${randomBytes(16).toString('hex')}`
console.log(`consumer check in ${tmp}`)

const tarball = await check('npm pack', async () => {
  const output = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT })
  const [info] = JSON.parse(output.slice(output.indexOf('[')))
  const packed = new Set(info.files.map((file) => file.path))
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const targets = (value) =>
    typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets)
  const absent = targets(pkg.exports)
    .map((target) => target.replace(/^\.\//, ''))
    .filter((path) => !packed.has(path))
  assert(absent.length === 0, `exports targets missing from the tarball: ${absent.join(', ')}`)
  const strays = [...packed].filter((path) => /^(src|test|stories|demo|bench)\//.test(path))
  assert(strays.length === 0, `source files in the tarball: ${strays.slice(0, 5).join(', ')}`)
  return {
    file: join(tmp, info.filename),
    toString: () =>
      `${info.filename}, ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} kB packed`,
  }
})
if (tarball) console.log(`    ${tarball}`)

// (f) The standalone proxy for non-Node backends, the way its docs run it: `npx -p <package>`.
await check(
  '(f) npx -p <tarball> pyas-proxy --check',
  async () => {
    const npx = ['--yes', '-p', tarball.file, 'pyas-proxy', '--check']
    const output = await run('npx', npx, {
      cwd: tmp,
      env: { ...childEnv, PYAS_API_KEY: apiKey },
      timeoutMs: 120_000,
    })
    assert(output.includes('pyas-proxy: configuration ok'), `unexpected output:\n${output}`)
    assert(!output.includes(apiKey), 'the key was printed')
    const refused = await run('npx', npx, { cwd: tmp, env: childEnv }).then(
      () => 'exited 0',
      (error) => error.message,
    )
    assert(
      /exited 2\n[\s\S]*pyas-proxy: PYAS_API_KEY is required/.test(refused),
      `without PYAS_API_KEY: ${refused}`,
    )
    return 'exit 0 with the key, exit 2 naming PYAS_API_KEY without it'
  },
  { needs: ['npm pack'] },
)

await check(
  'npm install (tarball + pinned deps)',
  async () => {
    cpSync(FIXTURES, project, { recursive: true })
    const manifest = {
      name: 'pyas-consumer-check',
      private: true,
      type: 'module',
      dependencies: { '@pyas/react': `file:${tarball.file}`, ...DEPENDENCIES },
      devDependencies: DEV_DEPENDENCIES,
    }
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: project,
        timeoutMs: 120_000,
      },
    )
  },
  { needs: ['npm pack'] },
)

const INSTALLED = 'npm install (tarball + pinned deps)'

// (d) The three type checks need only the install: they run in the background, side by side
// (tsc is single-threaded and CPU-bound), while the app is built and driven in the browser.
const TSC_COMMON = [
  '--noEmit',
  '--strict',
  '--target',
  'es2022',
  '--jsx',
  'react-jsx',
  '--pretty',
  'false',
]
const NODENEXT = ['--module', 'nodenext', '--moduleResolution', 'nodenext']
const BUNDLER = ['--module', 'esnext', '--moduleResolution', 'bundler']
const typeChecks = Promise.all(
  [
    // One program, two module formats: TypeScript resolves the .tsx file's imports with the
    // `import` conditions (.d.ts) and the .cts file's with the `require` conditions (.d.cts).
    [
      '(d) tsc --strict, moduleResolution nodenext (ESM → .d.ts, CommonJS → .d.cts)',
      NODENEXT,
      ['consumer.tsx', 'consumer-cjs.cts'],
    ],
    ['(d) tsc --strict, moduleResolution bundler', BUNDLER, ['consumer.tsx']],
  ].map(([name, flags, files]) =>
    check(
      name,
      async () => {
        await run(TSC, [...TSC_COMMON, ...flags, ...files], { cwd: project, timeoutMs: 240_000 })
      },
      { needs: [INSTALLED] },
    ),
  ),
)

await check(
  '(a) vite build of the app',
  async () => {
    await run(join(project, 'node_modules/.bin/vite'), ['build'], { cwd: project })
  },
  { needs: [INSTALLED] },
)

await check(
  '(a) client bundle holds no x-api-key and no proxy code',
  () => {
    const files = listFiles(join(project, 'dist'))
    assert(
      files.some((file) => file.endsWith('.js')),
      'no .js in the build output',
    )
    const hits = []
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const needle of ['x-api-key', 'upstream_timeout', 'createPyasProxy']) {
        if (text.includes(needle)) hits.push(`${relative(project, file)} contains "${needle}"`)
      }
    }
    assert(hits.length === 0, hits.join('\n'))
    const js = files.filter((file) => file.endsWith('.js'))
    const bytes = js.reduce((sum, file) => sum + readFileSync(file).length, 0)
    return `${files.length} files, ${(bytes / 1024).toFixed(1)} kB of JS (React included)`
  },
  { needs: ['(a) vite build of the app'] },
)

await check(
  '(b) CommonJS require() of all three entry points',
  async () => {
    const script = [
      "const main = require('@pyas/react')",
      "const server = require('@pyas/react/server')",
      "const testing = require('@pyas/react/testing')",
      'const want = { main: ["PyasProvider", "ConnectGoogleButton", "usePyasConnect", "PyasConnectError"],',
      '  server: ["createPyasProxy", "toNodeHandler"], testing: ["createFakePyas"] }',
      'const got = { main, server, testing }',
      'const missing = Object.entries(want).flatMap(([k, names]) => names.filter((n) => got[k][n] == null).map((n) => k + "." + n))',
      'if (missing.length) { console.error("missing: " + missing.join(", ")); process.exit(1) }',
      // msw is required on first use in the CommonJS build (see vite.config.ts); it must still work.
      'const handlers = testing.pyasHandlers()',
      'if (handlers.length !== 2) { console.error("pyasHandlers(): " + handlers.length); process.exit(1) }',
    ].join('\n')
    await run(process.execPath, ['-e', script], { cwd: project })
  },
  { needs: [INSTALLED] },
)

await check(
  '(b) a proxy-only install: /server, createFakePyas and pyas-proxy --fake with no dependency',
  async () => {
    // The package alone, with no dependency installed next to it (every peer is optional): the
    // server, the fake and the bin need none; only pyasHandlers needs msw.
    const bare = join(tmp, 'bare')
    cpSync(join(project, 'node_modules/@pyas/react'), join(bare, 'node_modules/@pyas/react'), {
      recursive: true,
    })
    writeFileSync(join(bare, 'package.json'), '{"private":true}\n')
    const script = [
      "require('@pyas/react/server')",
      "require('@pyas/react/testing').createFakePyas({ redirectUrl: '/' })",
      "Promise.all([import('@pyas/react/server'), import('@pyas/react/testing')])",
      '  .catch((error) => { console.error(String(error)); process.exit(1) })',
    ].join('\n')
    await run(process.execPath, ['-e', script], { cwd: bare })
    const bin = join(bare, 'node_modules/@pyas/react/dist/cli/pyas-proxy.js')
    await run(process.execPath, [bin, '--fake', '--check'], {
      cwd: bare,
      env: { ...childEnv, NODE_ENV: 'development' },
    })
  },
  { needs: [INSTALLED] },
)

await check(
  '(e) Jest 30 (CommonJS, no transform): jsdom round trip and Node proxy',
  async () => {
    const output = await run(
      process.execPath,
      [join(project, 'node_modules/jest/bin/jest.js'), '--config', 'jest/jest.config.cjs', '--ci'],
      { cwd: project, timeoutMs: 120_000 },
    )
    const summary = /Tests:\s+(.*)/.exec(output)
    return summary ? summary[1].trim() : 'passed'
  },
  { needs: [INSTALLED] },
)

let origin
let server
await check(
  '(b) Express server with the proxy and the fake starts',
  () =>
    new Promise((resolve, reject) => {
      server = spawn(process.execPath, ['server.mjs'], {
        cwd: project,
        env: { ...childEnv, PYAS_API_KEY: apiKey },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      children.add(server)
      let output = ''
      const timer = setTimeout(
        () => reject(new Error(`no "listening" in 15 s:\n${output}`)),
        15_000,
      )
      const onData = (chunk) => {
        output += chunk
        const match = /listening (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
        if (match) {
          clearTimeout(timer)
          origin = match[1]
          resolve(origin)
        }
      }
      server.stdout.on('data', onData)
      server.stderr.on('data', onData)
      server.on('exit', (code) => {
        children.delete(server)
        clearTimeout(timer)
        reject(new Error(`server exited ${code}:\n${output.trim()}`))
      })
    }),
  { needs: ['(a) vite build of the app'] },
)

await check(
  '(c) Chromium round trip: Connect → Allow → connected account shown',
  async () => {
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    })
    const page = await browser.newPage()
    page.setDefaultTimeout(30_000)
    const foreign = []
    const leaks = []
    const pageErrors = []
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) foreign.push(url)
    })
    page.on('response', async (response) => {
      const body = await response.text().catch(() => '')
      if (body.includes(apiKey)) leaks.push(response.url())
    })
    page.on('pageerror', (error) => pageErrors.push(error.message))

    await page.goto(`${origin}/`)
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click()
    await page.waitForURL((url) => url.pathname === '/fake-pyas/consent')
    await page.getByRole('button', { name: 'Allow' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    const accountId = (await page.getByTestId('account-id').textContent())?.trim()
    assert(accountId, 'no accountId rendered')
    const state = await page
      .getByRole('button', { name: 'Connect Google Calendar' })
      .getAttribute('data-state')
    assert(state === 'connected', `button data-state is "${state}", expected "connected"`)
    const search = new URL(page.url()).search
    assert(!/[?&](code|state)=/.test(search), `callback URL not cleaned: ${search}`)
    assert(foreign.length === 0, `requests outside the app's origin: ${foreign.join(', ')}`)
    assert(leaks.length === 0, `the API key reached the browser in: ${leaks.join(', ')}`)
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`)
    return `accountId ${accountId}`
  },
  { needs: ['(b) Express server with the proxy and the fake starts'] },
)
await browser?.close().catch(() => {})
browser = undefined
server?.kill('SIGTERM')

await typeChecks

clearTimeout(watchdog)
await cleanUp()
process.exit(finish())

// Shared by the framework consumer checks (consumer-next.mjs, consumer-react-router.mjs): the same
// ways of working as consumer-check.mjs — the packed tarball in a temp project outside the repo,
// named checks that are skipped (and count as failed) when what they need failed, a JSON report
// for ci-summary.mjs, a watchdog, and every process they start stopped again, also on failure.
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
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumLaunchOptions } from './chromium.mjs'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The fake Pyas server every framework app uses as its upstream. */
export const FAKE_PYAS = fileURLToPath(new URL('./consumer-fake/fake-pyas.cjs', import.meta.url))

// Exact pins, the versions the repo itself is tested with.
export const REACT_DEPENDENCIES = {
  '@tanstack/react-query': '5.108.0',
  react: '19.3.1',
  'react-dom': '19.3.1',
}

const REQUIRED_DIST = ['dist/index.js', 'dist/server/index.cjs', 'dist/testing/index.cjs']

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}

export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/**
 * One consumer check run: `name` names the report (`test-results/<name>.json`) and the closing
 * line. Ends the run (and everything it started) after `watchdogMs`.
 */
export function createKit(name, { watchdogMs }) {
  const startedAt = performance.now()
  const results = [] // { name, ok, ms, detail }
  const children = new Set()
  const browsers = new Set()
  const tmp = mkdtempSync(join(tmpdir(), `pyas-${name}-`))
  // Child processes must not inherit `npm run`'s npm_* settings (npm_config_local_prefix would
  // point the temp project's npm at this repo), nor a real key from the caller's environment.
  const childEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.toLowerCase().startsWith('npm_') && !key.startsWith('PYAS_'),
    ),
  )
  childEnv.NEXT_TELEMETRY_DISABLED = '1' // the closed network refuses it; it only slows a build

  const elapsed = (since) => Math.round(performance.now() - since)

  function track(child) {
    children.add(child)
    child.on('exit', () => children.delete(child))
    return child
  }

  /** Stops a process and its children (it runs in its own process group): TERM, then KILL. */
  function stop(child, graceMs = 5_000) {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const kill = (signal) => {
        try {
          process.kill(-child.pid, signal)
        } catch {
          child.kill(signal)
        }
      }
      const timer = setTimeout(() => kill('SIGKILL'), graceMs)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      kill('SIGTERM')
    })
  }

  /** Runs a command; resolves with its output, rejects with the output's tail on failure or timeout. */
  function run(command, args, { cwd, timeoutMs = 60_000, env = childEnv } = {}) {
    return new Promise((resolve, reject) => {
      const child = track(
        spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
      )
      let output = ''
      const collect = (chunk) => {
        output += chunk
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)
      const timer = setTimeout(() => {
        stop(child, 0)
        reject(new Error(`${command} ${args.join(' ')}: timed out after ${seconds(timeoutMs)}`))
      }, timeoutMs)
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        if (code === 0) resolve(output)
        else {
          const tail = output.trim().split('\n').slice(-25).join('\n')
          reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}\n${tail}`))
        }
      })
    })
  }

  /**
   * Starts a server and resolves once `ready(output)` returns a value (e.g. the URL it printed) or,
   * with `url`, once that URL answers at all. The server is stopped by `cleanUp()` at the latest.
   */
  function startServer(command, args, { cwd, env = childEnv, ready, url, timeoutMs = 30_000 }) {
    return new Promise((resolve, reject) => {
      const child = track(
        spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
      )
      let output = ''
      let done = false
      const settle = (error, value) => {
        if (done) return
        done = true
        clearTimeout(timer)
        if (error) {
          stop(child, 0)
          reject(error)
        } else resolve({ child, value, output: () => output })
      }
      const timer = setTimeout(
        () => settle(new Error(`${command} not ready in ${seconds(timeoutMs)}:\n${output.trim()}`)),
        timeoutMs,
      )
      const onData = (chunk) => {
        output += chunk
        const value = ready?.(output)
        if (value) settle(null, value)
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.on('error', (error) => settle(error))
      child.on('exit', (code, signal) =>
        settle(new Error(`${command} exited ${code ?? signal}:\n${output.trim()}`)),
      )
      if (url) {
        const poll = async () => {
          while (!done) {
            try {
              await fetch(url, { signal: AbortSignal.timeout(2_000) })
              settle(null, url)
            } catch {
              await new Promise((r) => setTimeout(r, 200))
            }
          }
        }
        poll()
      }
    })
  }

  /**
   * Records one check. A check whose prerequisite failed is not run and counts as failed, so the
   * numbers never claim more than was verified.
   */
  async function check(checkName, fn, { needs = [] } = {}) {
    const missing = needs.filter((need) => !results.find((r) => r.name === need)?.ok)
    if (missing.length > 0) {
      const detail = `not run: needs "${missing.join('", "')}"`
      results.push({ name: checkName, ok: false, ms: 0, detail })
      console.log(`✗ ${checkName} — not run (needs "${missing.join('", "')}")`)
      return undefined
    }
    const start = performance.now()
    try {
      const value = await fn()
      const ms = elapsed(start)
      const note = typeof value === 'string' ? ` — ${value}` : ''
      results.push({ name: checkName, ok: true, ms })
      console.log(`✓ ${checkName} (${seconds(ms)})${note}`)
      return value ?? true
    } catch (error) {
      const ms = elapsed(start)
      const detail = error instanceof Error ? error.message : String(error)
      results.push({ name: checkName, ok: false, ms, detail })
      console.log(`✗ ${checkName} (${seconds(ms)})\n    ${detail.replaceAll('\n', '\n    ')}`)
      return undefined
    }
  }

  /** `npm pack` of the built library into the temp dir; resolves to the tarball's path. */
  async function pack() {
    const missing = REQUIRED_DIST.filter((file) => !existsSync(join(ROOT, file)))
    assert(
      missing.length === 0,
      `${missing.join(', ')} missing: run \`npm run build\` first (the check installs the packed build)`,
    )
    const output = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT })
    const [info] = JSON.parse(output.slice(output.indexOf('[')))
    return join(tmp, info.filename)
  }

  /**
   * Copies `fixtures` (and the fake Pyas server) into `tmp/<dir>`, writes its package.json and runs
   * `npm install` there. No lock: exact pins instead. `--prefer-offline` reuses npm's one cache.
   */
  async function install(dir, fixtures, manifest) {
    const project = join(tmp, dir)
    cpSync(fixtures, project, { recursive: true })
    cpSync(FAKE_PYAS, join(project, 'fake-pyas.cjs'))
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: project, timeoutMs: 240_000 },
    )
    return project
  }

  /** A port that was free a moment ago, for servers that cannot be told to take port 0. */
  function freePort() {
    return new Promise((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address()
        server.close(() => resolve(port))
      })
    })
  }

  /** Starts the fake Pyas (from the temp project, so from the tarball) with a fresh key. */
  async function startFakePyas(project, redirectUrl) {
    const apiKey = `check_${randomBytes(16).toString('hex')}`
    const { child, value: origin } = await startServer(process.execPath, ['fake-pyas.cjs'], {
      cwd: project,
      env: { ...childEnv, PYAS_API_KEY: apiKey, REDIRECT_URL: redirectUrl },
      ready: (output) => /listening (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1],
      timeoutMs: 15_000,
    })
    return {
      apiKey,
      origin,
      child,
      requests: async () => (await fetch(`${origin}/__requests`)).json(),
      issueCode: async (provider) =>
        (await (await fetch(`${origin}/__code/${provider}`, { method: 'POST' })).json()).code,
    }
  }

  async function launchBrowser() {
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch(chromiumLaunchOptions)
    browsers.add(browser)
    return browser
  }

  async function cleanUp() {
    for (const browser of browsers) await browser.close().catch(() => {})
    await Promise.all([...children].map((child) => stop(child)))
    if (!process.env.KEEP_CONSUMER_TMP) rmSync(tmp, { recursive: true, force: true })
    else console.log(`(kept ${tmp})`)
  }

  function finish() {
    const passed = results.filter((r) => r.ok).length
    const failed = results.length - passed
    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    writeFileSync(
      join(ROOT, `test-results/${name}.json`),
      `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed })}\n`,
    )
    console.log('\nstep timings:')
    for (const r of results) console.log(`  ${seconds(r.ms).padStart(7)}  ${r.name}`)
    console.log(`  ${seconds(elapsed(startedAt)).padStart(7)}  total`)
    console.log(`${name}: ${passed} passed, ${failed} failed`)
    return failed === 0 ? 0 : 1
  }

  const watchdog = setTimeout(async () => {
    console.log(`✗ watchdog: ${name} ran over ${seconds(watchdogMs)}; stopping`)
    results.push({ name: 'finishes in time', ok: false, ms: watchdogMs, detail: 'watchdog' })
    await cleanUp()
    process.exit(finish() || 1)
  }, watchdogMs)
  watchdog.unref()

  // Servers run in their own process groups (so a stop reaches their workers too), which also means
  // they would outlive this script: a crash or a signal stops them first.
  const abort = async (reason) => {
    console.log(`✗ ${name} aborted: ${reason instanceof Error ? reason.stack : reason}`)
    results.push({ name: 'runs to the end', ok: false, ms: 0, detail: String(reason) })
    await cleanUp()
    process.exit(finish() || 1)
  }
  process.once('uncaughtException', abort)
  process.once('unhandledRejection', abort)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => abort(signal))

  /** Stops everything, writes the report and exits with 1 when a check failed. */
  async function end() {
    clearTimeout(watchdog)
    await cleanUp()
    process.exit(finish())
  }

  return {
    tmp,
    childEnv,
    run,
    check,
    stop,
    startServer,
    freePort,
    pack,
    install,
    startFakePyas,
    launchBrowser,
    end,
  }
}

/** An HTTP call with a deadline; resolves to `{status, headers, text, json}`. */
export async function request(
  url,
  { method = 'GET', headers = {}, body, timeoutMs = 15_000 } = {},
) {
  const response = await fetch(url, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: response.status, headers: response.headers, text, json }
}

/**
 * The proxy contract over HTTP, the same for every framework: a GET `oauth`, a POST `connect` with a
 * code the fake minted, and a POST that is not JSON (415). Each answer must be JSON, `no-store`,
 * and never hold the key; the fake must have seen the key it expects.
 */
export async function proxyContract(check, { base, fake, needs, label }) {
  const expectClean = (response, what) => {
    assert(!response.text.includes(fake.apiKey), `${what}: the answer holds the API key`)
    const cache = response.headers.get('cache-control')
    assert(cache?.includes('no-store'), `${what}: cache-control is "${cache}"`)
  }
  await check(
    `${label}: GET oauth → 200 with the consent URL`,
    async () => {
      const response = await request(
        `${base}/google/oauth?email=ada%40example.com&state=pyas_http_check`,
      )
      assert(response.status === 200, `status ${response.status}: ${response.text.slice(0, 300)}`)
      assert(
        response.json?.success === true && response.json.url.startsWith(fake.origin),
        `unexpected body ${response.text.slice(0, 300)}`,
      )
      expectClean(response, 'GET oauth')
    },
    { needs },
  )
  await check(
    `${label}: POST connect (JSON) → 200 with the account`,
    async () => {
      const code = await fake.issueCode('zoom')
      const response = await request(`${base}/zoom/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Ada Lovelace' }),
      })
      assert(response.status === 200, `status ${response.status}: ${response.text.slice(0, 300)}`)
      const account = response.json?.data?.account
      assert(account?.provider === 'zoom' && account.accountId, `body ${response.text}`)
      expectClean(response, 'POST connect')
      const upstream = (await fake.requests()).filter(
        (r) => r.action === 'connect' && r.provider === 'zoom',
      )
      assert(
        upstream.length === 1 && upstream[0].apiKeyValid,
        `the fake saw ${upstream.length} zoom connect call(s), key valid: ${upstream[0]?.apiKeyValid}`,
      )
      return `accountId ${account.accountId}`
    },
    { needs },
  )
  await check(
    `${label}: POST as text/plain → 415 (fails closed)`,
    async () => {
      const response = await request(`${base}/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ code: 'c', name: 'n' }),
      })
      assert(response.status === 415, `status ${response.status}: ${response.text.slice(0, 300)}`)
      expectClean(response, '415')
    },
    { needs },
  )
}

/**
 * One Chromium round trip on `origin`: Connect Google Calendar → the fake's consent page → Allow →
 * back on the app, connected, with the accountId shown and `code`/`state` gone from the URL. Exactly
 * one POST `connect` leaves the page, and no request carries `x-api-key` nor any answer the key.
 */
export async function roundTrip(browser, { origin, fake, path = '/' }) {
  const page = await browser.newPage()
  page.setDefaultTimeout(30_000)
  const leaks = []
  const pageErrors = []
  const connects = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/connect')) connects.push(r)
    if (Object.keys(r.headers()).includes('x-api-key')) leaks.push(`x-api-key sent to ${r.url()}`)
  })
  page.on('response', async (response) => {
    const body = await response.text().catch(() => '')
    if (body.includes(fake.apiKey)) leaks.push(`the key in ${response.url()}`)
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const upstreamConnects = async () =>
    (await fake.requests()).filter((r) => r.action === 'connect').length
  const before = await upstreamConnects()
  try {
    await page.goto(`${origin}${path}`)
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click()
    await page.waitForURL((url) => url.origin === fake.origin && url.pathname === '/consent')
    await page.getByRole('button', { name: 'Allow' }).click()
    await page.waitForURL((url) => url.origin === origin && url.pathname === path)
    const accountId = (await page.getByTestId('account-id').textContent())?.trim()
    assert(accountId, 'no accountId rendered')
    const state = await page
      .getByRole('button', { name: 'Connect Google Calendar' })
      .getAttribute('data-state')
    assert(state === 'connected', `button data-state is "${state}", expected "connected"`)
    const search = new URL(page.url()).search
    assert(!/[?&](code|state)=/.test(search), `callback URL not cleaned: ${search}`)
    assert(connects.length === 1, `${connects.length} POST …/connect requests, expected 1`)
    const upstream = (await upstreamConnects()) - before
    assert(upstream === 1, `the fake got ${upstream} connect calls, expected 1`)
    assert(leaks.length === 0, leaks.join(', '))
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`)
    return `accountId ${accountId}`
  } finally {
    await page.close().catch(() => {})
  }
}

/**
 * Checks that no file under `dir` (a framework's client build) holds the API key or the name of
 * the header that carries it. Returns a summary for the check's line.
 */
export function assertKeyFreeClient(dir, project, apiKey) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
  assert(
    files.some((file) => file.endsWith('.js')),
    `no .js under ${relative(project, dir)}`,
  )
  const hits = []
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const needle of [apiKey, 'x-api-key']) {
      if (text.includes(needle)) hits.push(`${relative(project, file)} contains "${needle}"`)
    }
  }
  assert(hits.length === 0, hits.join('\n'))
  return `${files.length} files`
}

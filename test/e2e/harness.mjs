// A tiny test runner: one fresh browser context per test, `✓ name (ms)` / `✗ name: error`.
import { recordTraffic } from './traffic.mjs'

const TEST_TIMEOUT_MS = 30_000

/** Fails with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message)
}

/** Fails unless `actual === expected`, showing both. */
export function same(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

function withTimeout(promise, ms) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/**
 * Runs each `{name, run, contextOptions?, timeoutMs?, serial?, browser?}` in a new context of
 * `browser`, or of `browsers[test.browser]()` when the test names a launch. `run` gets
 * `{context, page, traffic, demo, metrics}`; after it, no request may carry `x-api-key` and no
 * response may contain the API key. Returns the results, in order.
 */
export async function runTests(tests, { browser, browsers = {}, demo, metrics }) {
  const results = []
  for (const test of tests) {
    const started = performance.now()
    const launched =
      test.browser && browsers[test.browser] ? await browsers[test.browser]() : browser
    const context = await launched.newContext({
      viewport: { width: 1280, height: 900 },
      ...test.contextOptions,
    })
    context.setDefaultTimeout(10_000)
    const traffic = recordTraffic(context, { secret: demo.fakeKey })
    const page = await context.newPage()
    const browserErrors = []
    page.on('pageerror', (error) => browserErrors.push(error.message))
    let error
    try {
      await withTimeout(
        test.run({ context, page, traffic, demo, metrics }),
        test.timeoutMs ?? TEST_TIMEOUT_MS,
      )
      const problems = await traffic.problems()
      check(problems.length === 0, problems.join('; '))
      check(browserErrors.length === 0, `uncaught error in the page: ${browserErrors.join('; ')}`)
    } catch (caught) {
      error = caught
    }
    await context.close().catch(() => {})
    const ms = Math.round(performance.now() - started)
    if (error) {
      console.log(`✗ ${test.name}: ${error instanceof Error ? error.message : String(error)}`)
      if (process.env.E2E_DEBUG && error instanceof Error) console.log(error.stack)
    } else {
      console.log(`✓ ${test.name} (${ms} ms)`)
    }
    results.push({
      name: test.name,
      passed: !error,
      ms,
      error: error && String(error.message ?? error),
    })
  }
  return results
}

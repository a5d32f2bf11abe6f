#!/usr/bin/env node
// Next.js consumer check: the packed tarball in two real Next.js 16 apps (production builds), outside
// the repo, sharing one `npm install`. Fixtures: scripts/consumer-next/.
//
//   npm run build && node scripts/consumer-next.mjs
//   KEEP_CONSUMER_TMP=1 node scripts/consumer-next.mjs     keep the temp project for a look afterwards
//
// App Router (app-router/): a route handler app/api/pyas/[...path]/route.ts, a 'use client' page
// with PyasProvider and the buttons, and a Server Component page rendering ConnectGoogleButton with
// plain props. `next build` runs without PYAS_API_KEY (as CI and Docker builds do); then `next start`
// on 127.0.0.1 with the key and a fake Pyas (from the tarball's /testing) as upstream: one Chromium
// round trip (Connect → Allow → connected, exactly one POST connect), the Server Component page
// hydrates without errors, the client chunks hold neither the key nor `x-api-key`, and GET, POST and
// a 415 over HTTP.
// Pages Router (pages-router/): an API route pages/api/pyas/[[...path]].ts with Next's default
// bodyParser on (it parses the JSON before the handler runs), built without the key too; GET, POST
// and 415 over HTTP.
// Prints `consumer-next: N passed, M failed`, writes test-results/consumer-next.json, exits 1 on a
// failure. Stops every server and browser it starts; a watchdog ends the run after 6 minutes.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  assert,
  assertKeyFreeClient,
  createKit,
  proxyContract,
  REACT_DEPENDENCIES,
  roundTrip,
} from './consumer-kit.mjs'

const FIXTURES = fileURLToPath(new URL('./consumer-next/', import.meta.url))
const kit = createKit('consumer-next', { watchdogMs: 360_000 })
const { check } = kit
console.log(`Next.js consumer check in ${kit.tmp}`)

const tarball = await check('npm pack', () => kit.pack())

let project
await check(
  'npm install (tarball + next 16.4.6, pinned)',
  async () => {
    // No "type" field: npm init's "type": "commonjs" makes `next build` refuse the app's ES modules.
    project = await kit.install('next', FIXTURES, {
      name: 'pyas-next-check',
      private: true,
      dependencies: { '@pyas/react': `file:${tarball}`, next: '16.4.6', ...REACT_DEPENDENCIES },
      // Next type-checks the build and would try to install these itself if they were missing.
      devDependencies: {
        '@types/node': '20.19.43',
        '@types/react': '19.3.0',
        '@types/react-dom': '19.3.0',
        typescript: '5.9.3',
      },
    })
  },
  { needs: ['npm pack'] },
)
const INSTALLED = 'npm install (tarball + next 16.4.6, pinned)'
const next = () => join(project, 'node_modules/.bin/next')

/** `next build` in one of the two apps, with no PYAS_* variable in its environment. */
async function build(app) {
  await kit.run(next(), ['build'], { cwd: join(project, app), timeoutMs: 240_000 })
}

/** `next start` on 127.0.0.1 and `port`, with the key and the fake as upstream. */
async function start(app, fake, port) {
  const origin = `http://127.0.0.1:${port}`
  const server = await kit.startServer(next(), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: join(project, app),
    env: { ...kit.childEnv, PYAS_API_KEY: fake.apiKey, PYAS_BASE_URL: fake.origin },
    url: `${origin}/`,
    timeoutMs: 60_000,
  })
  return { origin, server: server.child }
}

// --- App Router ------------------------------------------------------------------------------

const APP_BUILT = 'App Router: next build without PYAS_API_KEY'
await check(APP_BUILT, () => build('app-router'), { needs: [INSTALLED] })

let app
let fake
await check(
  'App Router: next start on 127.0.0.1 with the key and the fake Pyas',
  async () => {
    // The fake sends the user back to the app's page, so the app's port is chosen first.
    const port = await kit.freePort()
    fake = await kit.startFakePyas(project, `http://127.0.0.1:${port}/`)
    app = await start('app-router', fake, port)
    return app.origin
  },
  { needs: [APP_BUILT] },
)
const APP_UP = 'App Router: next start on 127.0.0.1 with the key and the fake Pyas'

await check(
  'App Router: client chunks (.next/static) hold neither the key nor x-api-key',
  () => assertKeyFreeClient(join(project, 'app-router/.next/static'), project, fake.apiKey),
  { needs: [APP_UP] },
)

let browser
await check(
  'App Router: Chromium round trip (Connect → Allow → connected, one POST connect)',
  async () => {
    browser = await kit.launchBrowser()
    return roundTrip(browser, { origin: app.origin, fake })
  },
  { needs: [APP_UP] },
)

await check(
  'App Router: Server Component page renders and hydrates ConnectGoogleButton',
  async () => {
    const html = await (await fetch(`${app.origin}/server`)).text()
    assert(html.includes('Connect Google Calendar'), 'the server HTML has no Connect button')
    browser ??= await kit.launchBrowser()
    const page = await browser.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    try {
      await page.goto(`${app.origin}/server`, { waitUntil: 'networkidle' })
      const button = page.getByRole('button', { name: 'Connect Google Calendar' })
      const state = await button.getAttribute('data-state')
      assert(state === 'idle', `data-state "${state}", expected "idle"`)
      assert(problems.length === 0, `page errors: ${problems.join(' | ')}`)
    } finally {
      await page.close()
    }
  },
  { needs: [APP_UP] },
)

await proxyContract(check, {
  base: `${app?.origin}/api/pyas`,
  fake,
  needs: [APP_UP],
  label: 'App Router',
})
// Done with this app: stop it before the next build needs the CPU.
if (app) await kit.stop(app.server)
if (fake) await kit.stop(fake.child)

// --- Pages Router ----------------------------------------------------------------------------

const PAGES_BUILT = 'Pages Router: next build without PYAS_API_KEY'
await check(PAGES_BUILT, () => build('pages-router'), { needs: [INSTALLED] })

let pages
let pagesFake
const PAGES_UP = 'Pages Router: next start on 127.0.0.1 with the key and the fake Pyas'
await check(
  PAGES_UP,
  async () => {
    // No page to return to here: the API route is all this app has.
    pagesFake = await kit.startFakePyas(project, 'http://127.0.0.1/')
    pages = await start('pages-router', pagesFake, await kit.freePort())
    return pages.origin
  },
  { needs: [PAGES_BUILT] },
)
await proxyContract(check, {
  base: `${pages?.origin}/api/pyas`,
  fake: pagesFake,
  needs: [PAGES_UP],
  label: 'Pages Router (bodyParser on)',
})

await kit.end()

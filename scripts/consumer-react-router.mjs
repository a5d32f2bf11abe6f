#!/usr/bin/env node
// React Router v7 consumer check: the packed tarball in a real React Router 7 app in framework mode
// (Vite + reactRouter()), outside the repo. Fixtures: scripts/consumer-react-router/.
//
//   npm run build && node scripts/consumer-react-router.mjs
//   KEEP_CONSUMER_TMP=1 node scripts/consumer-react-router.mjs     keep the temp project
//
// A resource route app/routes/api.pyas.$.ts (`route('api/pyas/*', …)` in app/routes.ts) whose
// `loader` and `action` call the proxy, and a page with PyasProvider and a button. `react-router
// build` runs without PYAS_API_KEY; `react-router-serve` then runs on 127.0.0.1 (PORT/HOST) with the
// key and a fake Pyas (from the tarball's /testing) as upstream: GET, POST and a 415 over HTTP, the
// client assets hold neither the key nor `x-api-key`, and one Chromium round trip. Started without
// the key, the server must fail at once (the route module uses a string key).
// Prints `consumer-react-router: N passed, M failed`, writes test-results/consumer-react-router.json,
// exits 1 on a failure. Stops every server and browser it starts; a watchdog ends it after 5 minutes.
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

const FIXTURES = fileURLToPath(new URL('./consumer-react-router/', import.meta.url))
const VERSION = '7.18.4' // react-router and the three @react-router packages move together
const kit = createKit('consumer-react-router', { watchdogMs: 300_000 })
const { check } = kit
console.log(`React Router consumer check in ${kit.tmp}`)

const tarball = await check('npm pack', () => kit.pack())

const INSTALLED = `npm install (tarball + react-router ${VERSION}, pinned)`
let project
await check(
  INSTALLED,
  async () => {
    project = await kit.install('react-router', FIXTURES, {
      name: 'pyas-react-router-check',
      private: true,
      type: 'module', // the server build is ESM, loaded by react-router-serve
      dependencies: {
        '@pyas/react': `file:${tarball}`,
        '@react-router/node': VERSION,
        '@react-router/serve': VERSION,
        // The default server entry imports isbot; when it is not a dependency of the app,
        // `react-router build` runs its own `npm install isbot`, which prunes the devDependencies.
        isbot: '5.2.3',
        'react-router': VERSION,
        ...REACT_DEPENDENCIES,
      },
      devDependencies: { '@react-router/dev': VERSION, vite: '8.3.8' },
    })
  },
  { needs: ['npm pack'] },
)

const BUILT = 'react-router build without PYAS_API_KEY'
await check(
  BUILT,
  async () => {
    await kit.run(join(project, 'node_modules/.bin/react-router'), ['build'], {
      cwd: project,
      timeoutMs: 180_000,
    })
  },
  { needs: [INSTALLED] },
)

/** react-router-serve on 127.0.0.1 and `port`, from its bin: stopping npx would leave node running. */
function serve(port, env) {
  return kit.startServer(
    join(project, 'node_modules/.bin/react-router-serve'),
    ['build/server/index.js'],
    {
      cwd: project,
      env: {
        ...kit.childEnv,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      url: `http://127.0.0.1:${port}/`,
      timeoutMs: 30_000,
    },
  )
}

await check(
  'react-router-serve without PYAS_API_KEY fails at start',
  async () => {
    const started = await serve(await kit.freePort(), {}).then(
      (server) => server,
      (error) => error,
    )
    if (!(started instanceof Error)) {
      await kit.stop(started.child)
      throw new Error('the server started without a key')
    }
    assert(/`apiKey` is required/.test(started.message), started.message)
  },
  { needs: [BUILT] },
)

const UP = 'react-router-serve on 127.0.0.1 with the key and the fake Pyas'
let origin
let fake
await check(
  UP,
  async () => {
    // The fake sends the user back to the app's page, so the app's port is chosen first.
    const port = await kit.freePort()
    origin = `http://127.0.0.1:${port}`
    fake = await kit.startFakePyas(project, `${origin}/`)
    await serve(port, { PYAS_API_KEY: fake.apiKey, PYAS_BASE_URL: fake.origin })
    return origin
  },
  { needs: [BUILT] },
)

await proxyContract(check, {
  base: `${origin}/api/pyas`,
  fake,
  needs: [UP],
  label: 'resource route loader/action',
})

await check(
  'client assets (build/client) hold neither the key nor x-api-key',
  () => assertKeyFreeClient(join(project, 'build/client'), project, fake.apiKey),
  { needs: [UP] },
)

await check(
  'Chromium round trip (Connect → Allow → connected, one POST connect)',
  async () => roundTrip(await kit.launchBrowser(), { origin, fake }),
  { needs: [UP] },
)

await kit.end()

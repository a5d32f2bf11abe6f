// The server behind `npm start`: the demo app (Vite, in middleware mode, with HMR) and the Pyas
// proxy at /api/pyas, on one node:http server bound to 127.0.0.1.
//
//   npm start                                  offline: an embedded fake Pyas, consent page included
//   PYAS_API_KEY=… npm start                   live: real Pyas (PYAS_BASE_URL to point elsewhere)
//   PORT=0 node demo/server.mjs / --port 0     any free port (the e2e tests read the printed URL)
//   node demo/server.mjs --build               bundle the app once instead of HMR (e2e, bench)
//   DATABASE_URL=postgres://… npm start        accounts in a PostgreSQL server instead of PGlite
//   DEMO_DATA_DIR=/some/dir npm start          PGlite's data folder (default .demo-data/pglite)
//   PYAS_WEBHOOK_SECRET=… npm start            the webhook token (default: random at each start)
//   PYAS_LINK_SECRET=… npm start               connect links' signing secret (default: random at
//                                              each start, so a restart voids earlier links)
//
// Accounts are saved on this server, for the signed-in demo user (a cookie session): the proxy's
// `onConnected` writes the account Pyas returned, and Pyas's webhooks at /api/webhooks/pyas change
// its status. The page reads them from GET /api/accounts.
//
// No build step: Vite compiles the library's TypeScript on demand, for the browser and (through
// ssrLoadModule) for this server, so a fresh `npm ci` is all `npm start` needs.
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { createServer as createViteServer } from 'vite'
import { openAccountStore } from './accountStore.mjs'
import { buildApp } from './builtApp.mjs'
import { createCalendarLister, createCalendarsApi } from './calendarsApi.mjs'
import { openConnectLinks } from './connectLinks.mjs'
import { createDemoApi } from './demoApi.mjs'
import { embeddedHostPage } from './embeddedHost.mjs'
import { createPersistentFake } from './persistentFake.mjs'

const DEMO_ROOT = fileURLToPath(new URL('.', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
const PROXY_PREFIX = '/api/pyas'
const FAKE_PREFIX = '/fake-pyas'
const WEBHOOK_PATH = '/api/webhooks/pyas'
export const DEFAULT_DATA_DIR = `${REPO_ROOT}.demo-data/pglite`

/** `--port 8080`, `--port=8080`, else `PORT`, else 5173. `0` picks a free port. */
export function readPort(argv = process.argv.slice(2), env = process.env) {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='))
  const raw =
    index === -1
      ? env.PORT
      : argv[index].includes('=')
        ? argv[index].slice('--port='.length)
        : argv[index + 1]
  if (raw === undefined || raw === '') return 5173
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`demo: invalid port "${raw}" (use a number from 0 to 65535)`)
  }
  return port
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address().port)
    })
  })
}

/** One terminal line per proxy request (never the query: it carries the user's email). */
function logRequest(log, tag, req, res) {
  const start = performance.now()
  const path = (req.url ?? '/').split('?')[0]
  res.on('finish', () => {
    const ms = Math.round(performance.now() - start)
    log(`[${tag}] ${req.method} ${path} → ${res.statusCode} (${ms} ms)`)
  })
}

/**
 * What the dev server may read: the app, the library's sources it imports, and the dependencies
 * (node_modules may be a link, so its real folder too). Nothing else of the repository — above
 * all not the data folder, whose rows name session ids.
 */
function servedFolders() {
  const folders = [DEMO_ROOT, `${REPO_ROOT}src`, `${REPO_ROOT}node_modules`]
  try {
    folders.push(realpathSync(`${REPO_ROOT}node_modules`))
  } catch {
    // No node_modules yet: Vite fails on its own with a clearer message.
  }
  return folders.map((folder) => resolve(folder))
}

const inside = (path, folder) => path === folder || path.startsWith(`${folder}${sep}`)

/**
 * Vite's file rules: only `servedFolders()` (so `/@fs/…` cannot read the repository), and the data
 * folder denied by name as well (Vite's own denials kept).
 */
function fileServing(dataDir) {
  const deny = ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', '**/.demo-data/**']
  if (dataDir) deny.push(`${resolve(dataDir)}/**`)
  return { strict: true, allow: servedFolders(), deny }
}

/** A data folder the dev server would serve is refused: its rows name session ids. */
export function checkDataDir(dataDir) {
  if (!dataDir) return
  const path = resolve(dataDir)
  const served = servedFolders().find((folder) => inside(path, folder) || inside(folder, path))
  if (served) {
    throw new Error(
      `demo: DEMO_DATA_DIR ${path} is inside (or holds) ${served}, which the dev server serves; put it elsewhere (the default is ${DEFAULT_DATA_DIR})`,
    )
  }
}

/** The demo app's Vite config: its own, not the library's vite.config.ts (library mode + dts). */
function appConfig(mode) {
  return {
    configFile: false,
    root: DEMO_ROOT,
    cacheDir: `${REPO_ROOT}node_modules/.vite-demo`,
    clearScreen: false,
    logLevel: 'warn',
    plugins: [react()],
    define: { __DEMO_MODE__: JSON.stringify(mode) },
  }
}

/**
 * Starts the demo. Without `apiKey` the proxy's upstream is an in-memory fake Pyas whose consent
 * page this server serves at /fake-pyas/consent; its key is random and only lives in this process.
 *
 * The port is taken first (the URL is needed to set up Vite and the proxy), so a request can come
 * in while the rest starts (a reopened tab, a readiness probe): it waits until the handler is
 * attached, or gets a 503 if start-up fails, and is never left unanswered.
 */
export async function startDemoServer(options = {}) {
  let attach
  const ready = new Promise((resolve) => {
    attach = resolve
  })
  const server = createServer((req, res) => {
    ready.then((handle) => handle(req, res))
  })
  try {
    return await startOn(server, attach, options)
  } catch (error) {
    attach(unavailable)
    server.close(() => {})
    throw error
  }
}

function unavailable(_req, res) {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
  res.end('The demo failed to start')
}

async function startOn(
  server,
  attach,
  {
    port = 5173,
    host = '127.0.0.1',
    apiKey = process.env.PYAS_API_KEY || undefined,
    baseUrl = process.env.PYAS_BASE_URL || undefined,
    bundle = false,
    log = console.log,
    databaseUrl = process.env.DATABASE_URL || undefined,
    dataDir = process.env.DEMO_DATA_DIR || DEFAULT_DATA_DIR,
    webhookSecret = process.env.PYAS_WEBHOOK_SECRET || randomBytes(24).toString('base64url'),
    linkSecret = process.env.PYAS_LINK_SECRET || randomBytes(32).toString('base64url'),
  } = {},
) {
  const startedAt = performance.now()
  const mode = apiKey ? 'live' : 'offline'
  if (!databaseUrl) checkDataDir(dataDir)
  const actualPort = await listen(server, port, host)
  const origin = `http://${host}:${actualPort}`
  // The database opens while Vite starts (a new PGlite folder takes a few seconds).
  const opening = openAccountStore(databaseUrl ? { databaseUrl } : { dataDir })
  // Closed on a failed start as on `close()`.
  let store
  opening.then(
    (opened) => {
      store = opened
    },
    () => {},
  )
  try {
    return await startWithStore()
  } catch (error) {
    await (store ?? (await opening.catch(() => undefined)))?.close().catch(() => {})
    throw error
  }

  async function startWithStore() {
    const config = appConfig(mode)
    const vite = await createViteServer({
      ...config,
      appType: bundle ? 'custom' : 'spa',
      // Optimise every dependency up front, so the first page load never triggers a reload (and
      // none at all when the app is bundled: the dev server then only compiles the proxy).
      optimizeDeps: bundle
        ? { noDiscovery: true, include: [] }
        : {
            entries: ['index.html'],
            include: [
              'react',
              'react/jsx-runtime',
              'react/jsx-dev-runtime',
              'react-dom',
              'react-dom/client',
              '@tanstack/react-query',
            ],
          },
      server: {
        middlewareMode: true,
        hmr: bundle ? false : { server },
        fs: fileServing(databaseUrl ? undefined : dataDir),
      },
    })
    const building = bundle ? buildApp(config) : undefined

    const { createPyasProxy, createPyasWebhookHandler, createConnectLinks, toNodeHandler } =
      await vite.ssrLoadModule(`${REPO_ROOT}src/server/index.ts`)
    store = await opening
    // Connect links land on this page; spent ones are rows of the database (see connectLinks.mjs).
    const links = await openConnectLinks({
      store,
      createConnectLinks,
      usedLinks: await vite.ssrLoadModule(`${REPO_ROOT}docs/snippets/links/usedLinks.ts`),
      secret: linkSecret,
      url: `${origin}/`,
    })

    // With a real key, only the two origins the server answers on may call the proxy (a POST from
    // anywhere else is refused). Offline the key is a throwaway and the upstream is in memory, so any
    // caller may drive the proxy: curl, scripts, tests that POST without an Origin header.
    const allowedOrigins = [origin, `http://localhost:${actualPort}`]
    // Only a signed-in user may connect, and the account is saved for that user, from the answer
    // Pyas gave the proxy (never from anything the browser says). `userId` is the user's public
    // id: the one a connect link made for them carries, since a request that brings a link is
    // authorized by it (another browser, no session) and `onConnected` gets the link's user.
    const proxyHooks = {
      async authorize({ request }) {
        const user = await api.userOf(request.headers.get('cookie'))
        const userId = user && (await links.userIdOf(user))
        if (userId) return { userId }
        return Response.json(
          { error: 'unauthorized' },
          { status: 401, headers: { 'cache-control': 'no-store' } },
        )
      },
      async onConnected(account, { userId }) {
        const user = await links.userOf(userId)
        if (!user) throw new Error('demo: an account was connected without a known user')
        await store.upsertAccount(user.id, account)
      },
      connectLinks: links.connectLinks,
      // The calendars route: only for an account of the signed-in user (calendarsApi.mjs).
      authorizeAccount: (context) => calendarsApi.authorizeAccount(context),
    }
    let proxy
    let consentPage
    let fakePyas
    if (apiKey) {
      proxy = createPyasProxy({
        apiKey,
        allowedOrigins,
        ...proxyHooks,
        ...(baseUrl ? { baseUrl } : {}),
      })
    } else {
      const { createFakePyas } = await vite.ssrLoadModule(
        `${REPO_ROOT}src/testing/createFakePyas.ts`,
      )
      const fakeKey =
        process.env.PYAS_DEMO_FAKE_KEY || `demo_${randomBytes(24).toString('base64url')}`
      const fakeBaseUrl = `${origin}${FAKE_PREFIX}`
      fakePyas = await createPersistentFake({
        createFakePyas,
        store,
        baseUrl: fakeBaseUrl,
        fakeOptions: {
          apiKey: fakeKey,
          appName: 'Acme Scheduling',
          // Back to the demo page on whichever host the consent page was opened (127.0.0.1 or localhost).
          redirectUrl: (request) => new URL('/', request.url),
          latencyMs: Number(process.env.PYAS_DEMO_LATENCY_MS ?? 0),
          // Its webhooks come to this server, as Pyas's would, with the secret in the URL.
          webhookUrl: `${origin}${WEBHOOK_PATH}?token=${encodeURIComponent(webhookSecret)}`,
        },
      })
      proxy = createPyasProxy({
        apiKey: fakeKey,
        baseUrl: fakeBaseUrl,
        fetch: fakePyas.fetch, // in memory: no real HTTP between the proxy and the fake
        ...proxyHooks,
      })
      consentPage = toNodeHandler(fakePyas.fake.handle)
    }
    const api = createDemoApi({ store, fakePyas })
    // The server lists an account's calendars itself (to check a saved choice) the way the proxy does.
    const { normalizeCalendars: normalize } = await vite.ssrLoadModule(
      `${REPO_ROOT}src/core/calendars.ts`,
    )
    const listCalendars = apiKey
      ? createCalendarLister({ apiKey, baseUrl: baseUrl ?? 'https://api.pyas.io', normalize })
      : createCalendarLister({
          apiKey: fakePyas.fake.apiKey,
          baseUrl: `${origin}${FAKE_PREFIX}`,
          fetch: fakePyas.fetch,
          normalize,
        })
    const calendarsApi = createCalendarsApi({ store, userOf: api.userOf, listCalendars, fakePyas })
    const handleApi = async (req, res) => {
      const handled = await calendarsApi.handle(req, res)
      return handled === false ? api.handle(req, res) : handled
    }
    // Pyas's status changes for the saved rows. Idempotent: Pyas may deliver an event twice.
    const webhooks = toNodeHandler(
      createPyasWebhookHandler({
        secret: webhookSecret,
        async onEvent(event) {
          // A simulated revoke ("Revoke access (simulate)") touches only the rows of the user who
          // clicked it; a webhook of Pyas's own speaks for every user of the account.
          if (event.type === 'account.inactive') {
            const users = api.simulatedRevokersOf(event.accountId)
            await store.setStatus(event.accountId, 'inactive', users)
          } else if (event.type === 'account.connected')
            await store.setStatus(event.accountId, 'active')
          // The account no longer exists at Pyas: a reconnect would get a new `accountId`.
          else if (event.type === 'account.deleted') await store.removeAccount(event.accountId)
          else if (event.type.startsWith('calendars.'))
            await calendarsApi.calendarsChanged(event.accountId)
        },
      }),
    )
    const proxyHandler = toNodeHandler(proxy)
    const serveBuilt = await building

    attach((req, res) => {
      const path = (req.url ?? '/').split('?')[0]
      if (path === PROXY_PREFIX || path.startsWith(`${PROXY_PREFIX}/`)) {
        logRequest(log, 'proxy', req, res)
        proxyHandler(req, res)
      } else if (path === WEBHOOK_PATH) {
        logRequest(log, 'webhook', req, res) // the path only: the token stays out of the log
        webhooks(req, res)
      } else if (path.startsWith('/api/')) {
        logRequest(log, 'api', req, res)
        handleApi(req, res).then(
          (handled) => {
            if (handled === false) {
              res.writeHead(404, { 'content-type': 'application/json' })
              res.end('{"error":"not_found"}')
            }
          },
          (error) => {
            log(`[api] ${req.method} ${path} failed: ${error?.message ?? error}`)
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
            res.end('{"error":"internal_error"}')
          },
        )
      } else if (path === '/embedded') {
        embeddedHostPage(req, res, actualPort)
      } else if (consentPage && path.startsWith(`${FAKE_PREFIX}/`)) {
        logRequest(log, 'fake-pyas', req, res)
        // Only the consent screen is public; the fake's API is reached through the proxy alone.
        if (/^\/fake-pyas\/consent(\/decision)?\/?$/.test(path)) consentPage(req, res)
        else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      } else if (serveBuilt) {
        serveBuilt(req, res)
      } else {
        vite.middlewares(req, res, () => {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          res.end('Not found')
        })
      }
    })

    const url = `${origin}/`
    const startMs = Math.round(performance.now() - startedAt)
    let closing
    return {
      url,
      mode,
      bundle,
      startMs,
      database: store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`,
      webhookUrl: `${origin}${WEBHOOK_PATH}`,
      embeddedUrl: `http://localhost:${actualPort}/embedded`,
      close() {
        closing ??= (async () => {
          await vite.close()
          await new Promise((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
          await store.close()
        })()
        return closing
      },
    }
  }
}

async function main() {
  const argv = process.argv.slice(2)
  const demo = await startDemoServer({
    port: readPort(argv),
    bundle: argv.includes('--build') || process.env.DEMO_BUILD === '1',
  })
  const modeLine =
    demo.mode === 'live'
      ? `live mode: real Pyas at ${process.env.PYAS_BASE_URL || 'https://api.pyas.io'}`
      : 'offline mode: fake Pyas'
  const served = demo.bundle ? ', bundled app' : ''
  console.log(`Demo ready at ${demo.url} (${modeLine}${served}) in ${demo.startMs} ms`)
  console.log(`Accounts saved in ${demo.database}; embedded view at ${demo.embeddedUrl}`)
  if (demo.mode === 'live') {
    console.log(`Set the redirect URL in your Pyas dashboard to ${demo.url}`)
    console.log(
      process.env.PYAS_WEBHOOK_SECRET
        ? `and the webhook URL to ${demo.webhookUrl}?token=<PYAS_WEBHOOK_SECRET>`
        : 'Set PYAS_WEBHOOK_SECRET to receive Pyas webhooks (the secret is random otherwise).',
    )
  } else {
    console.log('Set PYAS_API_KEY (and optionally PYAS_BASE_URL) to connect real calendars.')
  }
  const stop = (signal) => {
    console.log(`\n${signal}: stopping the demo…`)
    // A stuck connection must not keep the process alive.
    setTimeout(() => process.exit(0), 3000).unref()
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(
      error?.code === 'EADDRINUSE' ? `demo: port ${error.port} is already in use` : error,
    )
    process.exit(1)
  })
}

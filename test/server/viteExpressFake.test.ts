// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, type InlineConfig, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { close } from './helpers.js'
import { send } from './nodeClient.js'

// The docs' Vite + Express page, run as a developer runs it: the Express server of
// snippets/viteExpressFake.ts behind a real Vite dev server loaded from snippets/viteConfig.ts,
// the browser's requests sent to Vite only.
const CONFIG = fileURLToPath(new URL('./snippets/viteConfig.ts', import.meta.url))
const USER = { cookie: 'session=vite_user' }

/** A port free right now, for the Vite server the API server's origin names before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

let root: string
let api: Server
let vite: ViteDevServer
let appOrigin: string
let apiUrl: string

async function startVite(config: InlineConfig, port: number): Promise<ViteDevServer> {
  const server = await createServer({
    ...config,
    root,
    logLevel: 'silent',
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { ...config.server, host: '127.0.0.1', port, strictPort: true, hmr: false },
  })
  await server.listen()
  return server
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pyas-vite-'))
  const port = await freePort()
  appOrigin = `http://127.0.0.1:${port}`
  vi.stubEnv('APP_ORIGIN', appOrigin)
  const { app } = await import('./snippets/viteExpressFake.js')
  api = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => api.once('listening', resolve))
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
  vi.stubEnv('API_URL', apiUrl)
  vite = await startVite({ configFile: CONFIG }, port)
}, 30_000)

afterAll(async () => {
  await vite?.close()
  if (api) await close(api)
  vi.unstubAllEnvs()
  rmSync(root, { recursive: true, force: true })
})

/** oauth through `base`, then the fake's Allow through `base`: the URL the browser returns to. */
async function allowThrough(base: string): Promise<URL> {
  const oauth = await send(`${base}/api/pyas/google/oauth?email=ada%40example.com&state=pyas_v1`, {
    headers: USER,
  })
  expect(oauth.status).toBe(200)
  const consent = new URL((oauth.json() as { url: string }).url)
  expect(consent.origin).toBe(appOrigin)
  const page = await send(`${base}${consent.pathname}${consent.search}`)
  expect(page.status).toBe(200)
  expect(page.body).toContain('Allow')
  const decision = await send(`${base}/fake-pyas/consent/decision${consent.search}&decision=allow`)
  expect(decision.status).toBe(303)
  return new URL(String(decision.headers.location))
}

describe('Vite + Express with the offline fake (docs snippets)', () => {
  it('should return to the app on Vite and save the account for the signed-in user', async () => {
    const back = await allowThrough(appOrigin)
    expect(back.origin).toBe(appOrigin)
    expect(back.pathname).toBe('/settings/calendars')
    expect(back.searchParams.get('state')).toBe('pyas_v1')
    const code = back.searchParams.get('code') ?? ''
    const connect = (headers: Record<string, string>) =>
      send(`${appOrigin}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { origin: appOrigin, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ code, name: 'Ada' }),
      })
    expect((await connect({})).status).toBe(403) // signed out
    const connected = await connect(USER)
    expect(connected.status).toBe(200)
    const { account } = (connected.json() as { data: { account: { accountId: string } } }).data
    const { saved } = await import('./snippets/app.js')
    expect(saved).toContainEqual({
      userId: 'vite_user',
      accountId: account.accountId,
      provider: 'google',
    })
  })

  it("should not return to the app through Vite's string proxy form (changeOrigin rewrites Host)", async () => {
    const stringForm = await startVite(
      { configFile: false, server: { proxy: { '/api': apiUrl, '/fake-pyas': apiUrl } } },
      await freePort(),
    )
    try {
      const base = `http://127.0.0.1:${stringForm.config.server.port}`
      const oauth = await send(`${base}/api/pyas/google/oauth?email=ada%40example.com&state=s`, {
        headers: USER,
      })
      const consent = new URL((oauth.json() as { url: string }).url)
      const decision = await send(
        `${base}/fake-pyas/consent/decision${consent.search}&decision=allow`,
      )
      // The Host the fake saw was the API server's: the browser would land where no app runs.
      expect(new URL(String(decision.headers.location)).origin).toBe(apiUrl)
    } finally {
      await stringForm.close()
    }
  })
})

// @vitest-environment node
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer, type ProxyOptions, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import config from '../../docs/snippets/vite.config.js'
import { createPyasProxy, toNodeHandler } from '../../src/server/index.js'
import { createFakePyas } from '../../src/testing/index.js'

// The Troubleshooting page's Vite config, in front of a real API server that mounts the proxy with
// the offline fake (consent page under /fake-pyas), next to the string form it warns about.
const fake = createFakePyas({ redirectUrl: '/settings' })
let api: Server
let apiOrigin: string
const vites: ViteDevServer[] = []

beforeAll(async () => {
  api = createHttpServer(
    toNodeHandler(async (request: Request) => {
      const proxy = createPyasProxy({
        apiKey: fake.apiKey,
        fetch: fake.fetchFor(request, { mountPath: '/fake-pyas' }),
      })
      return proxy(request)
    }),
  )
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})

afterAll(async () => {
  await Promise.all(vites.map((vite) => vite.close()))
  await new Promise((resolve) => api.close(resolve))
})

/** A Vite dev server with `proxy`, its targets pointed at the API server; returns its origin. */
async function vite(proxy: Record<string, string | ProxyOptions>): Promise<string> {
  const retargeted = Object.fromEntries(
    Object.entries(proxy).map(([path, options]) => [
      path,
      typeof options === 'string' ? apiOrigin : { ...options, target: apiOrigin },
    ]),
  )
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
    root: import.meta.dirname,
    server: { host: '127.0.0.1', port: 0, proxy: retargeted, hmr: false, ws: false },
  })
  vites.push(server)
  await server.listen()
  if (!server.httpServer) throw new Error('Vite started without an HTTP server')
  return `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`
}

/** The consent page's origin the proxy answers, asked through Vite. */
async function consentOrigin(viteOrigin: string): Promise<string> {
  const response = await fetch(`${viteOrigin}/api/pyas/zoom/oauth?state=pyas_vite`)
  expect(response.status).toBe(200)
  return new URL(((await response.json()) as { url: string }).url).origin
}

describe('docs: Troubleshooting, Vite in front of the API server', () => {
  it('should keep the page origin with the object form the page shows', async () => {
    const proxy = config.server?.proxy ?? {}
    expect(Object.keys(proxy)).toEqual(['/api', '/fake-pyas'])
    const origin = await vite(proxy)
    expect(await consentOrigin(origin)).toBe(origin)
  })

  it('should send the browser to the API server with the string form (changeOrigin)', async () => {
    const origin = await vite({ '/api': 'http://replaced.invalid' })
    expect(await consentOrigin(origin)).toBe(apiOrigin)
  })
})

import { fetchTransport } from './fetchTransport.js'
import { nodeTransport } from './nodeTransport.js'
import type { UpstreamTransport } from './UpstreamTransport.js'

declare const EdgeRuntime: unknown

/**
 * Whether `node:http` is there to use: Node, Bun and Deno expose `process.versions.node`. Vercel's
 * Edge Runtime and Cloudflare Workers can mimic `process` but have no usable `node:http` client.
 */
function hasNodeHttp(): boolean {
  const runtime = globalThis as {
    process?: { versions?: { node?: unknown } }
    navigator?: { userAgent?: unknown }
  }
  return (
    typeof runtime.process?.versions?.node === 'string' &&
    typeof EdgeRuntime === 'undefined' &&
    runtime.navigator?.userAgent !== 'Cloudflare-Workers'
  )
}

// Read at call time so a fetch patched later (msw, instrumentation) is still honoured.
const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)

/**
 * Picks how the proxy calls Pyas: the `fetch` option when given; else a keep-alive `node:http(s)`
 * client where one exists; else the global `fetch`.
 */
export async function selectTransport(
  baseUrl: string,
  customFetch: typeof fetch | undefined,
): Promise<UpstreamTransport> {
  if (customFetch) return fetchTransport(customFetch, baseUrl)
  if (hasNodeHttp()) {
    try {
      return await nodeTransport(baseUrl)
    } catch {
      // Fall through: some runtimes report Node compatibility but cannot load node:http.
    }
  }
  return fetchTransport(globalFetch, baseUrl)
}

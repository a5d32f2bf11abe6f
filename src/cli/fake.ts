import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { toNodeHandler } from '../server/toNodeHandler.js'
import { parseHttpUrl } from '../server/validateOptions.js'
// The fake alone, never the testing entry: that one also holds the msw handlers.
import { createFakePyas } from '../testing/createFakePyas.js'
import { type CliConfig, ConfigError } from './CliConfig.js'
import { FAKE_VARIABLES } from './readConfig.js'

export { FAKE_VARIABLES }

type Env = Readonly<Record<string, string | undefined>>

/** Where the fake's consent page lives, under the proxy's mount path. */
export const FAKE_CONSENT_SEGMENT = '/fake-pyas'

/** What `createCliServer` needs to run against the fake instead of Pyas. */
export interface FakeBackend {
  /** The proxy's `fetch`: the fake, building its consent URLs on the browser's own origin. */
  fetch: typeof fetch
  /** Serves the consent page and its form, or passes the request on (`next`). */
  intercept(req: IncomingMessage, res: ServerResponse, next: () => void): void
}

/** The environment `readConfig` sees in fake mode, and the fake's own settings. */
export interface FakeSetup {
  /** The environment without what the fake replaces (the key, the upstream) or reads itself. */
  env: Record<string, string | undefined>
  /** The fake's key (random per start): it never leaves the process. */
  apiKey: string
  redirectUrl: string
  /** Things worth telling the developer. */
  warnings: string[]
}

function redirectUrl(env: Env): string {
  const value = env.PYAS_FAKE_REDIRECT_URL?.trim() || '/'
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value
  const url = parseHttpUrl(value)
  if (typeof url === 'string') {
    throw new ConfigError(
      'PYAS_FAKE_REDIRECT_URL',
      url.includes('credentials')
        ? url
        : `${url}, or a path on the browser's origin (such as /settings)`,
    )
  }
  return url.href
}

/**
 * Checks that `--fake` may run here (never with `NODE_ENV=production`: the fake lets anyone
 * "connect" any email) and prepares the environment the rest of the configuration is read from.
 */
export function prepareFake(env: Env): FakeSetup {
  if (env.NODE_ENV?.trim() === 'production') {
    throw new ConfigError(
      'NODE_ENV',
      'is production: --fake runs a fake Pyas that lets anyone connect any email, so it refuses to start; set PYAS_API_KEY and drop --fake',
    )
  }
  const warnings: string[] = []
  const ignored = ['PYAS_API_KEY', 'PYAS_API_KEY_FILE', 'PYAS_BASE_URL'].filter((name) =>
    env[name]?.trim(),
  )
  if (ignored.length > 0) {
    warnings.push(`${ignored.join(', ')} ignored: --fake answers with a fake Pyas`)
  }
  const apiKey = `pyas_fake_${randomBytes(24).toString('base64url')}`
  const rest: Record<string, string | undefined> = { ...env }
  for (const name of [...FAKE_VARIABLES, 'PYAS_API_KEY_FILE', 'PYAS_BASE_URL']) delete rest[name]
  return {
    env: { ...rest, PYAS_API_KEY: apiKey },
    apiKey,
    redirectUrl: redirectUrl(env),
    warnings,
  }
}

/** The `--fake` lines of `pyas-proxy --help`. */
export const FAKE_USAGE = `  --fake     answer with an offline fake Pyas instead of Pyas (no PYAS_API_KEY; refused with
             NODE_ENV=production); its consent page is {PYAS_MOUNT_PATH}/fake-pyas/consent, and
             PYAS_FAKE_REDIRECT_URL says where Allow/Deny return (a path on the browser's
             origin or an absolute URL; default /)`

/** What the bin says on start-up (and with `--check`) when it runs against the fake. */
export function fakeNotices(setup: FakeSetup | undefined, config: CliConfig): string[] {
  if (!setup) return []
  const consent = `${fakeConsentPrefix(config.mountPath)}/consent`
  return [
    `--fake: offline, a fake Pyas answers instead of Pyas (development only); its consent page is ${consent}, and Allow/Deny return to ${setup.redirectUrl}`,
    ...setup.warnings,
  ]
}

/** `{mount}/fake-pyas`: the consent page's prefix (`/fake-pyas` when the proxy is at the root). */
export function fakeConsentPrefix(mountPath: string): string {
  return `${mountPath}${FAKE_CONSENT_SEGMENT}`
}

/**
 * The fake Pyas behind `pyas-proxy --fake`: the proxy calls it in memory, and the bin serves its
 * consent page at `{mount}/fake-pyas/consent` (its form posts to `…/consent/decision`), so the
 * browser goes through the same reverse proxy as for the connect proxy itself.
 */
export function createFakeBackend(setup: FakeSetup, mountPath: string): FakeBackend {
  const fake = createFakePyas({ redirectUrl: setup.redirectUrl, apiKey: setup.apiKey })
  const prefix = fakeConsentPrefix(mountPath)
  const consentPath = `${prefix}/consent`
  const consent = toNodeHandler((request) => fake.handle(request))
  // The browser request the proxy is answering, so the consent URL is on the origin it used.
  const viewer = new AsyncLocalStorage<Request>()

  return {
    fetch: (input, init) => {
      const request = viewer.getStore()
      if (!request) return fake.fetch(input, init)
      return fake.fetchFor(request, { mountPath: prefix })(input, init)
    },
    intercept(req, res, next) {
      const path = (req.url ?? '/').split('?')[0]
      if (path === consentPath || path === `${consentPath}/decision`) {
        consent(req, res)
        return
      }
      const headers = new Headers()
      if (typeof req.headers.host === 'string') headers.set('host', req.headers.host)
      viewer.run(new Request('http://localhost/', { headers }), next)
    },
  }
}

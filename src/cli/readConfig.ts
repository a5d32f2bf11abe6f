import { readFileSync } from 'node:fs'
import { PROVIDERS, type ProviderId } from '../core/providers.js'
import {
  MAX_INTEGER,
  MIN_SECRET_LENGTH,
  parseHttpUrl,
  parseOrigin,
} from '../server/validateOptions.js'
import { type CliConfig, ConfigError } from './CliConfig.js'

/** The variables `pyas-proxy` reads; any other `PYAS_*` one is reported as a likely typo. */
export const VARIABLES = [
  'PYAS_API_KEY',
  'PYAS_API_KEY_FILE',
  'PYAS_BASE_URL',
  'PYAS_ALLOWED_ORIGINS',
  'PYAS_PROVIDERS',
  'PYAS_TIMEOUT_MS',
  'PYAS_MAX_BODY_BYTES',
  'HOST',
  'PORT',
  'PYAS_MOUNT_PATH',
  'PYAS_WEBHOOK_PATH',
  'PYAS_WEBHOOK_SECRET',
  'PYAS_AUTHORIZE_URL',
  'PYAS_LINK_SECRET',
  'PYAS_LINK_URL',
  'PYAS_FORWARD_URL',
  'PYAS_FORWARD_SECRET',
] as const

/** The variables only `pyas-proxy --fake` reads (it takes them out before `readConfig`). */
export const FAKE_VARIABLES = ['PYAS_FAKE_REDIRECT_URL'] as const

type Env = Readonly<Record<string, string | undefined>>

/** A variable's value, trimmed; an empty one counts as unset (`FOO=` in a compose file). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function readApiKey(env: Env, readFile: (path: string) => string): string {
  const key = read(env, 'PYAS_API_KEY')
  const file = read(env, 'PYAS_API_KEY_FILE')
  if (key && file) {
    throw new ConfigError('PYAS_API_KEY_FILE', 'is set as well as PYAS_API_KEY; set only one')
  }
  if (key) return key
  if (!file) {
    throw new ConfigError(
      'PYAS_API_KEY',
      'is required: set it to your Pyas API key, or set PYAS_API_KEY_FILE to a file that holds it',
    )
  }
  let text: string
  try {
    text = readFile(file)
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    throw new ConfigError(
      'PYAS_API_KEY_FILE',
      `names ${JSON.stringify(file)}, which cannot be read (${code})`,
    )
  }
  const fromFile = text.trim()
  if (!fromFile)
    throw new ConfigError('PYAS_API_KEY_FILE', `names ${JSON.stringify(file)}, which is empty`)
  return fromFile
}

function httpUrl(env: Env, name: string): string | undefined {
  const value = read(env, name)
  if (value === undefined) return undefined
  const url = parseHttpUrl(value)
  // The value is not echoed: a URL may carry credentials or a token.
  if (typeof url === 'string') throw new ConfigError(name, url)
  return url.href
}

function baseUrl(env: Env): string | undefined {
  const value = httpUrl(env, 'PYAS_BASE_URL')
  if (value && (new URL(value).search || new URL(value).hash)) {
    throw new ConfigError('PYAS_BASE_URL', 'must not have a query or a hash')
  }
  return value
}

function list(env: Env, name: string): string[] | undefined {
  const value = read(env, name)
  if (value === undefined) return undefined
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  if (items.length === 0) throw new ConfigError(name, 'lists nothing; leave it unset instead')
  return items
}

function origins(env: Env): string[] | undefined {
  const items = list(env, 'PYAS_ALLOWED_ORIGINS')
  return items?.map((item) => {
    const origin = parseOrigin(item)
    if (origin === null) {
      throw new ConfigError(
        'PYAS_ALLOWED_ORIGINS',
        `holds ${JSON.stringify(item)}, which is not an origin: write scheme://host[:port] with no path, e.g. https://app.example.com`,
      )
    }
    return origin
  })
}

function providers(env: Env): ProviderId[] | undefined {
  const items = list(env, 'PYAS_PROVIDERS')?.map((item) => item.toLowerCase())
  for (const item of items ?? []) {
    if (!PROVIDERS.includes(item as ProviderId)) {
      throw new ConfigError(
        'PYAS_PROVIDERS',
        `holds ${JSON.stringify(item)}, which is not a provider; use ${PROVIDERS.join(', ')}`,
      )
    }
  }
  return items ? [...new Set(items as ProviderId[])] : undefined
}

function integer(env: Env, name: string, min: number, max: number): number | undefined {
  const value = read(env, name)
  if (value === undefined) return undefined
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min && number <= max)) {
    throw new ConfigError(
      name,
      `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    )
  }
  return number
}

function host(env: Env): string {
  const value = read(env, 'HOST') ?? '127.0.0.1'
  // A host name, an IPv4 address or an IPv6 address (bare or in brackets).
  if (!/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/.test(value)) {
    throw new ConfigError(
      'HOST',
      `must be a host name or an IP address, got ${JSON.stringify(value)}`,
    )
  }
  return value.replace(/^\[(.*)\]$/, '$1')
}

function path(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback
  if (
    !/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/.test(value) ||
    value.includes('//') ||
    /\/\.\.?(\/|$)/.test(value)
  ) {
    throw new ConfigError(
      name,
      `must be a path such as ${fallback} (starting with /, no query, no // or dot segments), got ${JSON.stringify(value)}`,
    )
  }
  const trimmed = value.replace(/\/+$/, '')
  if (trimmed === '/healthz') throw new ConfigError(name, 'must not be /healthz (the health check)')
  return trimmed
}

function secret(env: Env, name: string): string | undefined {
  const value = read(env, name)
  if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
    // Its value is never printed, not even in part.
    throw new ConfigError(
      name,
      `must be at least ${MIN_SECRET_LENGTH} characters (it has ${value.length}); generate one with: openssl rand -hex 32`,
    )
  }
  return value
}

/** Connect links sign with HMAC-SHA256: a secret at least as long as the digest's 32 bytes. */
const MIN_LINK_SECRET_LENGTH = 32

function links(env: Env): CliConfig['links'] {
  const linkSecret = read(env, 'PYAS_LINK_SECRET')
  const url = httpUrl(env, 'PYAS_LINK_URL')
  if (linkSecret !== undefined && linkSecret.length < MIN_LINK_SECRET_LENGTH) {
    throw new ConfigError(
      'PYAS_LINK_SECRET',
      `must be at least ${MIN_LINK_SECRET_LENGTH} characters (it has ${linkSecret.length}); generate one with: openssl rand -hex 32`,
    )
  }
  if (linkSecret && !url) {
    throw new ConfigError(
      'PYAS_LINK_URL',
      'is required when PYAS_LINK_SECRET is set: the app page a connect link opens',
    )
  }
  if (url && !linkSecret) {
    throw new ConfigError('PYAS_LINK_SECRET', 'is required when PYAS_LINK_URL is set')
  }
  return url && linkSecret ? { secret: linkSecret, url } : undefined
}

function webhook(env: Env, mountPath: string): CliConfig['webhook'] {
  const webhookSecret = secret(env, 'PYAS_WEBHOOK_SECRET')
  const explicitPath = read(env, 'PYAS_WEBHOOK_PATH')
  const webhookPath = path(env, 'PYAS_WEBHOOK_PATH', '/api/webhooks/pyas')
  if (!webhookSecret) {
    if (explicitPath) {
      throw new ConfigError(
        'PYAS_WEBHOOK_SECRET',
        'is required when PYAS_WEBHOOK_PATH is set (without a secret there is no webhook route)',
      )
    }
    return undefined
  }
  if (webhookPath === mountPath || webhookPath === '') {
    throw new ConfigError('PYAS_WEBHOOK_PATH', 'must differ from PYAS_MOUNT_PATH and from /')
  }
  return { path: webhookPath, secret: webhookSecret }
}

function forward(env: Env): CliConfig['forward'] {
  const url = httpUrl(env, 'PYAS_FORWARD_URL')
  const forwardSecret = secret(env, 'PYAS_FORWARD_SECRET')
  if (url && !forwardSecret) {
    throw new ConfigError(
      'PYAS_FORWARD_SECRET',
      'is required when PYAS_FORWARD_URL is set: the receiver checks the signature made with it',
    )
  }
  if (forwardSecret && !url) {
    throw new ConfigError('PYAS_FORWARD_URL', 'is required when PYAS_FORWARD_SECRET is set')
  }
  return url && forwardSecret ? { url, secret: forwardSecret } : undefined
}

/**
 * Reads and validates the environment of `pyas-proxy`. Throws a `ConfigError` naming the first
 * bad variable; never puts a key or a secret in a message.
 */
export function readConfig(
  env: Env,
  readFile: (path: string) => string = (file) => readFileSync(file, 'utf8'),
): CliConfig {
  const apiKey = readApiKey(env, readFile)
  const mountPath = path(env, 'PYAS_MOUNT_PATH', '/api/pyas')
  const config: CliConfig = {
    apiKey,
    baseUrl: baseUrl(env),
    allowedOrigins: origins(env),
    providers: providers(env),
    timeoutMs: integer(env, 'PYAS_TIMEOUT_MS', 1, MAX_INTEGER) ?? 10_000,
    maxBodyBytes: integer(env, 'PYAS_MAX_BODY_BYTES', 1, MAX_INTEGER),
    host: host(env),
    port: integer(env, 'PORT', 0, 65_535) ?? 8787,
    mountPath,
    webhook: webhook(env, mountPath),
    authorizeUrl: httpUrl(env, 'PYAS_AUTHORIZE_URL'),
    links: links(env),
    forward: forward(env),
    warnings: [],
  }
  const known: readonly string[] = VARIABLES
  const fakeOnly: readonly string[] = FAKE_VARIABLES
  for (const name of Object.keys(env).sort()) {
    if (fakeOnly.includes(name)) {
      // `--fake` takes its own variables out first: here, one was set without `--fake`.
      if (read(env, name)) {
        config.warnings.push(`${name} is read only with --fake (the fake Pyas); it is ignored`)
      }
    } else if (name.startsWith('PYAS_') && !known.includes(name)) {
      config.warnings.push(`${name} is not a pyas-proxy variable (a typo?); it is ignored`)
    }
  }
  if (config.links && !config.authorizeUrl) {
    config.warnings.push(
      'PYAS_LINK_SECRET is set without PYAS_AUTHORIZE_URL: POST /links answers 403 (it needs the signed-in user); only links your backend signs can be used',
    )
  }
  if (config.webhook && !config.forward) {
    config.warnings.push(
      'PYAS_WEBHOOK_SECRET is set without PYAS_FORWARD_URL: webhook events are accepted and only logged',
    )
  }
  return config
}

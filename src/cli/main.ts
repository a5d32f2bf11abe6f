import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliConfig } from './CliConfig.js'
import { ConfigError } from './CliConfig.js'
import { createCliServer } from './createCliServer.js'
import { createLog } from './createLog.js'
import { createFakeBackend, FAKE_USAGE, type FakeSetup, fakeNotices, prepareFake } from './fake.js'
import { readConfig, VARIABLES } from './readConfig.js'

const SHUTDOWN_GRACE_MS = 10_000

const USAGE = `Usage: pyas-proxy [--check] [--fake]

Serves the Pyas connect proxy (and, with PYAS_WEBHOOK_SECRET, the Pyas webhook receiver),
configured by environment variables:
  ${VARIABLES.join('\n  ')}

  --check    validate the environment and exit (0 when it is valid, 2 when not)
${FAKE_USAGE}
  --help     print this text
  --version  print the version`

function version(): string {
  try {
    // A path, not `new URL(…, import.meta.url)`: the bundler would inline that file.
    const here = dirname(fileURLToPath(import.meta.url))
    const pkg = readFileSync(join(here, '../../package.json'), 'utf8')
    return (JSON.parse(pkg) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

function summary(config: CliConfig): Record<string, unknown> {
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    proxy: config.mountPath || '/',
    webhooks: config.webhook?.path ?? null,
    authorize: config.authorizeUrl !== undefined,
    calendars: config.authorizeUrl !== undefined,
    links: config.links !== undefined,
    forward: config.forward !== undefined,
  }
}

/** Runs `pyas-proxy`; resolves with an exit code only when it does not keep serving. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const args = new Set(argv)
  for (const arg of args) {
    if (!['--check', '--fake', '--help', '-h', '--version'].includes(arg)) {
      process.stderr.write(`pyas-proxy: unknown argument ${JSON.stringify(arg)} (try --help)\n`)
      return 2
    }
  }
  if (args.has('--help') || args.has('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (args.has('--version')) {
    process.stdout.write(`${version()}\n`)
    return 0
  }

  let config: CliConfig
  let fake: FakeSetup | undefined
  try {
    fake = args.has('--fake') ? prepareFake(process.env) : undefined
    config = readConfig(fake?.env ?? process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`pyas-proxy: ${error.message}\n`)
    return 2
  }
  const secrets = [
    config.apiKey,
    config.webhook?.secret ?? '',
    config.forward?.secret ?? '',
    config.links?.secret ?? '',
  ]
  const log = createLog(secrets, process.stdout, process.stderr)
  for (const warning of [...fakeNotices(fake, config), ...config.warnings]) log.warn(warning)
  if (args.has('--check')) {
    process.stdout.write(`pyas-proxy: configuration ok ${JSON.stringify(summary(config))}\n`)
    return 0
  }

  const backend = fake && createFakeBackend(fake, config.mountPath)
  const { server, inFlight, drain } = createCliServer(config, log, backend)
  server.keepAliveTimeout = 30_000
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    const code = (error as { code?: string }).code
    const where = `${config.host}:${config.port}`
    const why =
      code === 'EADDRINUSE' ? 'is already in use' : `cannot be listened on (${code ?? error})`
    process.stderr.write(`pyas-proxy: HOST/PORT ${where} ${why}\n`)
    return 1
  }
  const { port } = server.address() as AddressInfo
  log.info('listening', summary({ ...config, port }))

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`, { inFlight: inFlight.size })
      process.exit(1)
    }
    stopping = true
    log.info(`${signal}: stopping`, { inFlight: inFlight.size })
    drain()
    server.close()
    server.closeIdleConnections()
    const exit = () => {
      log.info('stopped')
      process.exit(0)
    }
    if (inFlight.size === 0) return exit()
    for (const res of inFlight) {
      res.once('close', () => {
        if (inFlight.size === 0) exit()
      })
    }
    setTimeout(() => {
      log.warn(`requests still running after ${SHUTDOWN_GRACE_MS / 1000} s: closing them`, {
        inFlight: inFlight.size,
      })
      server.closeAllConnections()
      exit()
    }, SHUTDOWN_GRACE_MS).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  return undefined
}

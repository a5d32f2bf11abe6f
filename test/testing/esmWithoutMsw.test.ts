// @vitest-environment node
import { execFile } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')

/** Every type `@pyas/react/testing` exports but `pyasHandlers`, used, and the fake created. */
const FAKE_ONLY = `import {
  createFakePyas,
  FakePyasError,
  type DecideOptions,
  type FailNextOptions,
  type FakePyas,
  type FakePyasAccountStatus,
  type FakePyasErrorCode,
  type FakePyasErrorOptions,
  type FakePyasFailure,
  type FakePyasFailureKind,
  type FakePyasFetch,
  type FakePyasOptions,
  type FakePyasRequest,
  type FakePyasWebhook,
  type FakePyasWebhookEvent,
  type FetchForOptions,
  type IssueCodeOptions,
  type PyasHandlersOptions,
} from '@pyas/react/testing'

const options: FakePyasOptions = { redirectUrl: '/settings' }
const fake: FakePyas = createFakePyas(options)
const fetchLike: FakePyasFetch = fake.fetch
const requests: readonly FakePyasRequest[] = fake.requests
const decide: DecideOptions = { email: 'ada@example.com' }
const fetchFor: FetchForOptions = { mountPath: '/fake-pyas' }
const issue: IssueCodeOptions = { email: 'ada@example.com' }
const failure: FakePyasFailure = 'server_error'
const kind: FakePyasFailureKind | undefined = undefined
const failNext: FailNextOptions = {}
const status: FakePyasAccountStatus = 'inactive'
const code: FakePyasErrorCode | undefined = undefined
const errorOptions: FakePyasErrorOptions | undefined = undefined
const webhook: FakePyasWebhook | undefined = fake.webhooks()[0]
const event: FakePyasWebhookEvent = 'account.inactive'
const handlerOptions: PyasHandlersOptions = { proxyUrl: '/api/pyas' }
export const used = [fetchLike, requests, decide, fetchFor, issue, failure, kind, failNext, status,
  code, errorOptions, webhook, event, handlerOptions, FakePyasError]
`

/** A strict TypeScript check (declaration files included) of `files` in `cwd`. */
async function strictTsc(
  cwd: string,
  files: Record<string, string>,
  types: string[] = [],
): Promise<string> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(cwd, name), source)
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    types,
  }
  writeFileSync(
    join(cwd, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: Object.keys(files) }),
  )
  try {
    await run(process.execPath, [TSC, '-p', cwd], { cwd })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error)
  }
}

/** A customer's project with the built package installed and msw nowhere to be found. */
let project: string

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pyas-esm-no-msw-'))
  const installed = join(project, 'node_modules', '@pyas', 'react')
  mkdirSync(installed, { recursive: true })
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'))
  writeFileSync(join(project, 'package.json'), '{"type":"module"}')
  // The real build (both formats, with this repo's vite.config.ts), into the temporary install.
  await run(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', join(installed, 'dist')],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  )
  // Its CommonJS declarations, as `npm run build` writes them.
  await run(process.execPath, [join(ROOT, 'scripts/emit-cts.mjs')], { cwd: installed })
}, 120_000)

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Runs a script with Node in the customer's project; resolves to its parsed JSON output. */
async function node(source: string, type: 'module' | 'commonjs' = 'module', cwd = project) {
  const { stdout } = await run(process.execPath, ['--input-type', type, '-e', source], { cwd })
  return JSON.parse(stdout) as Record<string, unknown>
}

const ROUND_TRIP = `
  const fake = createFakePyas({ redirectUrl: 'http://app.test/settings' })
  const headers = { 'x-api-key': fake.apiKey }
  const oauth = await fake.fetch('http://pyas.test/google/oauth?email=ada%40example.com&state=s', { headers })
  const back = new URL(await fake.decide((await oauth.json()).url))
  const connect = await fake.fetch('http://pyas.test/google/connect', {
    method: 'POST', headers, body: JSON.stringify({ code: back.searchParams.get('code'), name: 'Ada' }),
  })
  let handlers
  try { handlers = pyasHandlers().length } catch (error) { handlers = { message: error.message, cause: error.cause?.code } }
  console.log(JSON.stringify({ status: connect.status, accounts: fake.accounts().length, handlers }))
`

describe('@pyas/react/testing without msw', () => {
  it('should leave msw unresolvable in the project (what the other tests rely on)', async () => {
    await expect(node(`await import('msw')`)).rejects.toThrow(/ERR_MODULE_NOT_FOUND/)
  })

  it('should import createFakePyas in plain Node ESM, and say what pyasHandlers() needs', async () => {
    const result = await node(
      `import { createFakePyas, pyasHandlers } from '@pyas/react/testing'\n${ROUND_TRIP}`,
    )
    expect(result).toEqual({
      status: 200,
      accounts: 1,
      handlers: {
        message:
          '@pyas/react/testing: pyasHandlers() needs msw 2, an optional peer dependency: npm i -D msw@2',
        cause: 'ERR_MODULE_NOT_FOUND',
      },
    })
  })

  it('should type-check createFakePyas and every testing type strictly (skipLibCheck: false) without msw', async () => {
    const types = join(project, 'types')
    mkdirSync(types)
    writeFileSync(join(types, 'package.json'), '{"type":"module"}')
    symlinkSync(join(project, 'node_modules'), join(types, 'node_modules'))
    // The ES (`.d.ts`) and the CommonJS (`.d.cts`) declarations.
    const errors = await strictTsc(types, {
      'fake.mts': FAKE_ONLY,
      'fake.cts': FAKE_ONLY.replace(/^export const used = /m, 'export const usedToo = '),
    })
    expect(errors).toBe('')
  }, 60_000)

  it('should require createFakePyas in CommonJS too', async () => {
    const result = await node(
      `const { createFakePyas } = require('@pyas/react/testing')
       const fake = createFakePyas({ redirectUrl: '/' })
       console.log(JSON.stringify({ code: typeof fake.issueCode('zoom') }))`,
      'commonjs',
    )
    expect(result).toEqual({ code: 'string' })
  })

  it('should still load msw with the module and build the handlers when msw is installed', async () => {
    const withMsw = join(project, 'with-msw')
    mkdirSync(join(withMsw, 'node_modules', '@pyas'), { recursive: true })
    writeFileSync(join(withMsw, 'package.json'), '{"type":"module"}')
    // A copy, not a link: Node resolves msw from the package's real path.
    cpSync(
      join(project, 'node_modules', '@pyas', 'react'),
      join(withMsw, 'node_modules', '@pyas', 'react'),
      {
        recursive: true,
      },
    )
    symlinkSync(join(ROOT, 'node_modules', 'msw'), join(withMsw, 'node_modules', 'msw'))
    const result = await node(
      `import { createFakePyas, pyasHandlers } from '@pyas/react/testing'\n${ROUND_TRIP}`,
      'module',
      withMsw,
    )
    expect(result).toEqual({ status: 200, accounts: 1, handlers: 2 })

    // With msw there, pyasHandlers() has msw's own types (not `any`).
    const errors = await strictTsc(withMsw, {
      'handlers.mts': `import type { HttpHandler } from 'msw'
import { createFakePyas, pyasHandlers } from '@pyas/react/testing'
export const handlers: HttpHandler[] = pyasHandlers({ fake: createFakePyas({ redirectUrl: '/' }) })
// @ts-expect-error msw's handlers are not strings
export const wrong: string[] = pyasHandlers()
`,
    })
    expect(errors).toBe('')
  }, 60_000)
})

describe('a proxy-only install: no React, no React Query, no msw', () => {
  it('should leave react and @tanstack/react-query unresolvable in the project', async () => {
    await expect(node(`await import('react')`)).rejects.toThrow(/ERR_MODULE_NOT_FOUND/)
    await expect(node(`await import('@tanstack/react-query')`)).rejects.toThrow(
      /ERR_MODULE_NOT_FOUND/,
    )
  })

  it('should run createPyasProxy from @pyas/react/server in ESM and CommonJS', async () => {
    const proxyCall = (load: string) => `${load}
      const fake = createFakePyas({ redirectUrl: '/' })
      const proxy = createPyasProxy({ apiKey: fake.apiKey, fetch: fake.fetch })
      const answer = await proxy(new Request('http://app.test/api/pyas/google/oauth?email=ada%40example.com&state=pyas_s'))
      console.log(JSON.stringify({ status: answer.status }))`
    expect(
      await node(
        proxyCall(`import { createPyasProxy } from '@pyas/react/server'
        import { createFakePyas } from '@pyas/react/testing'`),
      ),
    ).toEqual({ status: 200 })
    expect(
      await node(
        `(async () => {${proxyCall(`const { createPyasProxy } = require('@pyas/react/server')
        const { createFakePyas } = require('@pyas/react/testing')`)}})()`,
        'commonjs',
      ),
    ).toEqual({ status: 200 })
  })

  it('should mark every peer optional, so npm installs none of them for the proxy', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>
      peerDependenciesMeta: Record<string, { optional?: boolean }>
    }
    for (const name of Object.keys(pkg.peerDependencies)) {
      expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true)
    }
  })

  it('should type-check a server using @pyas/react/server strictly without React types', async () => {
    const server = join(project, 'server-types')
    mkdirSync(join(server, 'node_modules', '@types'), { recursive: true })
    writeFileSync(join(server, 'package.json'), '{"type":"module"}')
    symlinkSync(
      join(project, 'node_modules', '@pyas'),
      join(server, 'node_modules', '@pyas'),
      'dir',
    )
    symlinkSync(
      join(ROOT, 'node_modules', '@types', 'node'),
      join(server, 'node_modules', '@types', 'node'),
    )
    const errors = await strictTsc(
      server,
      {
        'server.mts': `import { createServer } from 'node:http'
import { createPyasProxy, toNodeHandler, type PyasProxyOptions } from '@pyas/react/server'
const options: PyasProxyOptions = { apiKey: 'key' }
createServer(toNodeHandler(createPyasProxy(options)))
`,
      },
      ['node'],
    )
    expect(errors).toBe('')
  }, 60_000)

  it('should run the pyas-proxy bin, with a key and with --fake', async () => {
    const bin = join(project, 'node_modules/@pyas/react/dist/cli/pyas-proxy.js')
    const env = { PATH: process.env.PATH ?? '' }
    const keyed = await run(process.execPath, [bin, '--check'], {
      cwd: project,
      env: { ...env, PYAS_API_KEY: 'pyas_proxy_only_key_0123' },
    })
    expect(keyed.stdout).toMatch(/^pyas-proxy: configuration ok /)
    const fake = await run(process.execPath, [bin, '--fake', '--check'], { cwd: project, env })
    expect(fake.stdout).toMatch(/^pyas-proxy: configuration ok /)
  })

  it('should fail only the browser entry, at import, naming the missing react', async () => {
    const result = await node(
      `try { await import('@pyas/react'); console.log('{}') }
       catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })) }`,
    )
    expect(result.code).toBe('ERR_MODULE_NOT_FOUND')
    expect(result.message).toMatch(/'react'|'@tanstack\/react-query'/)
  })
})

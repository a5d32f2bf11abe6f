// @vitest-environment node
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

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
  })
})

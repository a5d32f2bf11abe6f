// @vitest-environment node
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const project = mkdtempSync(join(tmpdir(), 'pyas-vitest-zero-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))

/** Runs `vitest run` in `cwd` with the project's own config; resolves with its exit code and output. */
function vitest(cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.config.ts'],
      { cwd, env: { ...process.env, NO_COLOR: '1', VITEST: undefined } },
    )
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('docs: Testing, set up from zero', () => {
  it('should run the page’s component test with only the page’s config and setup file', async () => {
    // A project of its own: the two files the page shows, and the component test it shows, with
    // the package's imports pointing at this checkout's source.
    cpSync(join(ROOT, 'docs/snippets/vitest.config.ts'), join(project, 'vitest.config.ts'))
    cpSync(join(ROOT, 'docs/snippets/vitest.setup.ts'), join(project, 'vitest.setup.ts'))
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir')
    const test = readFileSync(join(ROOT, 'test/testing/customerRoundTrip.test.tsx'), 'utf8')
      .replaceAll("'../../src/index.js'", `'${join(ROOT, 'src/index.ts')}'`)
      .replaceAll("'../../src/testing/index.js'", `'${join(ROOT, 'src/testing/index.ts')}'`)
    expect(test).not.toContain("'../../")
    writeFileSync(join(project, 'connect.test.tsx'), test)

    const { code, output } = await vitest(project)
    expect(output).toMatch(/Tests\s+3 passed/)
    expect(code).toBe(0)
  }, 120_000)
})

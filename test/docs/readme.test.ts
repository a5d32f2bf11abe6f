// @vitest-environment node
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { expandDirectives } from '../../docs/.vitepress/config.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const README = readFileSync(`${ROOT}README.md`, 'utf8')

/**
 * The README's code, in order: each block is one of these files as the docs show it (relative
 * imports of src/ as the package's names). The files are type-checked, and the tests run them:
 * test/docs/quickstart.test.tsx renders the two components, test/server/snippets.test.ts serves
 * the proxy.
 */
const README_SNIPPETS = [
  'docs/snippets/Providers.tsx',
  'docs/snippets/CalendarButton.tsx',
  'test/server/snippets/withHooks.ts',
]

describe('README', () => {
  it('should stay under 200 lines', () => {
    const lines = README.trimEnd().split('\n').length
    expect(lines, 'README lines: the rest belongs in docs/guide').toBeLessThanOrEqual(200)
  })

  it('should show code only from tested files', () => {
    const blocks = [...README.matchAll(/^```(\w*)\n[\s\S]*?^```$/gm)]
      .filter(([, language]) => !['sh', 'bash', 'text', ''].includes(language as string))
      .map(([block]) => block)
    expect(blocks).toEqual(README_SNIPPETS.map((path) => expandDirectives(`@snippet(${path})`)))
  })

  it('should save the account on the server, keyed on the app user, never from the browser', () => {
    expect(README).toMatch(/onConnected: async \(account, \{ userId \}\)/)
    expect(README).not.toMatch(/save\(account\.accountId\)/)
  })
})

// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DOCS = join(ROOT, 'docs')

/** Every page of the docs site, skipping the generated API reference. */
function pages(dir = DOCS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name.startsWith('.') || entry.name === 'api' ? [] : pages(path)
    return entry.name.endsWith('.md') ? [path] : []
  })
}

describe('docs pages', () => {
  it('should show code only from files the tests run or type-check', () => {
    expect(pages().length).toBeGreaterThan(2)
    for (const page of pages()) {
      const source = readFileSync(page, 'utf8')
      // TypeScript and JavaScript blocks come from @snippet(…); shell commands may be written out.
      expect(source, relative(ROOT, page)).not.toMatch(/^```(ts|tsx|js|jsx|mjs|typescript)\b/m)
      for (const [, path] of source.matchAll(/^@snippet\(([^)]+)\)$/gm)) {
        expect(existsSync(join(ROOT, path as string)), `${relative(ROOT, page)}: ${path}`).toBe(
          true,
        )
        // docs/snippets, test and examples are run or type-checked by the tests; the consumer apps
        // (scripts/consumer: Jest; consumer-next, consumer-react-router) are built and run by their
        // CI checks.
        expect(path, 'snippets live in tested or type-checked folders').toMatch(
          /^(docs\/snippets|test|examples|scripts\/consumer(-next|-react-router)?)\//,
        )
      }
    }
  })
})

// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const SOURCE = new URL('../../src/server/', import.meta.url)

describe('@pyas/react/server', () => {
  it('should import no Node built-in at load time, so edge runtimes can load it', () => {
    for (const file of readdirSync(SOURCE).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, SOURCE), 'utf8')
      const staticImports = [
        ...source.matchAll(/^import\s+(?!type\b)[^'"]*['"](node:[^'"]+)['"]/gm),
      ]
      expect(staticImports.map((match) => `${file}: ${match[1]}`)).toEqual([])
      expect(source).not.toMatch(/from ['"]react/)
    }
  })
})

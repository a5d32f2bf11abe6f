// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('docs: Styling', () => {
  it('should name only custom properties the stylesheet reads, and every one it reads', () => {
    const named = new Set(read('docs/guide/styling.md').match(/--pyas-[a-z-]+[a-z]/g))
    const css = read('src/styles.css').replace(/\/\*[\s\S]*?\*\//g, '')
    const used = new Set(css.match(/--pyas-[a-z-]+[a-z]/g))
    expect(used.size).toBeGreaterThan(30)
    expect([...named].filter((name) => !used.has(name))).toEqual([])
    expect([...used].filter((name) => !named.has(name))).toEqual([])
  })
})

describe('docs: Localization', () => {
  it('should show every message key, through @messages tables', async () => {
    const { en } = await import('../../src/core/messages.js')
    const page = read('docs/guide/localization.md')
    const prefixes = [...page.matchAll(/^@messages\(([^)]+)\)$/gm)].map((match) => match[1]!)
    for (const key of Object.keys(en)) {
      expect(prefixes.some((prefix) => key.startsWith(prefix)), key).toBe(true)
    }
  })
})

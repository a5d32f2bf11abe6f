// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
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
      expect(
        prefixes.some((prefix) => key.startsWith(prefix)),
        key,
      ).toBe(true)
    }
  })
})

describe('docs: the browser pages show the files the tests run', () => {
  // Each file here is run by a test (test/docs/*.test.tsx, test/testing/*) or is a test itself.
  const SHOWN: Record<string, string[]> = {
    'docs/guide/components.md': [
      'docs/snippets/LinkMyCalendar.tsx',
      'docs/snippets/CallbackPage.tsx',
      'docs/snippets/ConnectDialog.tsx',
      'docs/snippets/AccountsSection.tsx',
      'docs/snippets/PopupButton.tsx',
    ],
    'docs/guide/localization.md': [
      'docs/snippets/GermanSettings.tsx',
      'docs/snippets/customMessages.ts',
    ],
    'docs/guide/testing.md': [
      'docs/snippets/vitest.config.ts',
      'docs/snippets/vitest.setup.ts',
      'test/testing/customerRoundTrip.test.tsx',
      'test/testing/snippets/prefetchGotcha.test.tsx',
      'test/testing/snippets/proxyUpstream.test.ts',
      'test/testing/snippets/failureInjection.test.ts',
      'test/testing/snippets/accountLifecycle.test.ts',
      'docs/snippets/next-offline/fakePyas.ts',
      'docs/snippets/next-offline/pyasRoute.ts',
      'docs/snippets/next-offline/consentRoute.ts',
      'scripts/consumer/jest/jest.config.cjs',
      'scripts/consumer/jest/proxy.node.test.cjs',
    ],
    'docs/guide/troubleshooting.md': ['docs/snippets/vite.config.ts'],
  }

  it.each(Object.entries(SHOWN))('%s', (page, files) => {
    const shown = [...read(page).matchAll(/^@snippet\(([^)]+)\)$/gm)].map((match) => match[1])
    expect(shown).toEqual(files)
  })

  it('should name only stories that exist', () => {
    const titles = new Set(
      ['Components', 'Recipes'].flatMap((group) =>
        [...read('docs/guide/components.md').matchAll(new RegExp(`${group}/(\\w+)`, 'g'))].map(
          (match) => `${group}/${match[1]}`,
        ),
      ),
    )
    expect(titles.size).toBeGreaterThan(8)
    const stories = readdirSync(new URL('../../stories', import.meta.url))
      .filter((file) => file.endsWith('.stories.tsx'))
      .map((file) => read(`stories/${file}`))
      .join('\n')
    for (const title of titles) expect(stories, title).toContain(`title: '${title}`)
  })
})

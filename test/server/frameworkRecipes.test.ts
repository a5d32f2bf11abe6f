// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The Next.js and React Router consumer checks (scripts/consumer-next.mjs,
// scripts/consumer-react-router.mjs) build and serve real apps from the packed package. The docs
// pages show those apps' files, or a route that differs from them only in its options (the
// session lookup and the database a consumer check does not have).
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const page = (name: string) => read(`docs/guide/start/${name}.md`)

/**
 * The lines that make a file a route of its framework: its path comment and its exports, without
 * the argument types (the repository has no react-router install to type-check them against).
 */
const frame = (source: string) =>
  source
    .split('\n')
    .filter((line) => /^\/\/ (app|pages)\/|^export /.test(line))
    .map((line) => line.replace(/\(\{ request \}: [^)]+\)/, '({ request })'))

describe('framework recipes in the docs', () => {
  it('should show the React Router routes.ts the consumer check builds', () => {
    expect(page('react-router')).toContain(
      '\n@snippet(scripts/consumer-react-router/app/routes.ts)\n',
    )
  })

  it.each([
    [
      'react-router',
      'scripts/consumer-react-router/app/routes/api.pyas.$.ts',
      'reactRouterRoute.ts',
    ],
    [
      'next-pages',
      'scripts/consumer-next/pages-router/pages/api/pyas/[[...path]].ts',
      'nextPagesRoute.ts',
    ],
    [
      'next-app',
      'scripts/consumer-next/app-router/app/api/pyas/[...path]/route.ts',
      'withHooks.ts',
    ],
  ])('should show on %s a route mounted as %s is', (name, built, shown) => {
    expect(page(name)).toContain(`\n@snippet(test/server/snippets/${shown})\n`)
    const source = read(`test/server/snippets/${shown}`)
    const consumer = read(built)
    // Same file (the App Router's catch-all segment name is free), same exports.
    expect(frame(source).map((line) => line.replace('[...pyas]', '[...path]'))).toEqual(
      frame(consumer).map((line) => line.replace('[...pyas]', '[...path]')),
    )
    expect(source).toContain('createPyasProxy({')
  })
})

// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The Next.js and React Router recipes are files of the apps the framework consumer checks build
// and run (scripts/consumer-next.mjs, scripts/consumer-react-router.mjs); the README shows them
// verbatim, so what it shows is what was run.
const RECIPES = [
  'consumer-next/pages-router/pages/api/pyas/[[...path]].ts',
  'consumer-react-router/app/routes.ts',
  'consumer-react-router/app/routes/api.pyas.$.ts',
]

describe('framework recipes in the README', () => {
  const docs = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const blocks = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1])

  it.each(RECIPES)('should show scripts/%s as it is', (file) => {
    const source = readFileSync(new URL(`../../scripts/${file}`, import.meta.url), 'utf8')
    expect(blocks).toContain(source)
  })
})

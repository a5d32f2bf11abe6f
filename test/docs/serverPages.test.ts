// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Each server-side page and stack page shows exactly these files: the tests that run them are
// test/server/snippets.test.ts (every stack's proxy through its real framework),
// viteExpressFake.test.ts (behind a real Vite dev server), fakePyasServer.test.ts,
// webhookReceiver.test.ts, frameworkRecipes.test.ts and the forward receiver's CI check.
const BROWSER = 'docs/snippets/CalendarSettings.tsx'
const FAKE = 'docs/snippets/server/fake-pyas.mjs'
const SNIPPET = 'test/server/snippets'
const PAGES: Record<string, string[]> = {
  'start/next-app': [`${SNIPPET}/withHooks.ts`, BROWSER, FAKE],
  'start/next-pages': [`${SNIPPET}/nextPagesRoute.ts`, BROWSER, FAKE],
  'start/react-router': [
    'scripts/consumer-react-router/app/routes.ts',
    `${SNIPPET}/reactRouterRoute.ts`,
    BROWSER,
    FAKE,
  ],
  'start/vite-express': [
    `${SNIPPET}/viteExpressFake.ts`,
    `${SNIPPET}/viteConfig.ts`,
    BROWSER,
    `${SNIPPET}/expressApp.ts`,
  ],
  'start/fastify': [`${SNIPPET}/fastifyApp.ts`, BROWSER, FAKE],
  'start/hono': [`${SNIPPET}/honoServer.ts`, BROWSER, FAKE],
  'start/node-http': [`${SNIPPET}/nodeHttpServer.ts`, BROWSER, FAKE],
  'start/pyas-proxy': [BROWSER],
  proxy: [`${SNIPPET}/nextRouteHandler.ts`, `${SNIPPET}/withHooks.ts`],
  security: [`${SNIPPET}/withHooks.ts`],
  webhooks: [
    `${SNIPPET}/nextWebhookRoute.ts`,
    `${SNIPPET}/expressWebhooks.ts`,
    'test/server/webhookReceiver.test.ts',
  ],
  'pyas-proxy': ['examples/forward_receiver.py'],
  production: [],
}

const read = (name: string) =>
  readFileSync(new URL(`../../docs/guide/${name}.md`, import.meta.url), 'utf8')

describe('server and stack pages', () => {
  it.each(Object.entries(PAGES))('should show on %s exactly these snippets', (name, snippets) => {
    const shown = [...read(name).matchAll(/^@snippet\(([^)]+)\)$/gm)].map((match) => match[1])
    expect(shown).toEqual(snippets)
  })

  it('should save the account on the server in every stack page, keyed on the signed-in user', () => {
    for (const name of Object.keys(PAGES).filter((page) => page.startsWith('start/'))) {
      const source = read(name)
      if (name === 'start/pyas-proxy') {
        expect(source, name).toContain('PYAS_AUTHORIZE_URL')
        expect(source, name).toContain('PYAS_FORWARD_URL')
        continue
      }
      const proxy = PAGES[name]!.find((path) => path.startsWith(SNIPPET))!
      const file = readFileSync(new URL(`../../${proxy}`, import.meta.url), 'utf8')
      expect(file, proxy).toMatch(/authorize: async \(\{ request \}\) => \{\n\s+const userId/)
      expect(file, proxy).toContain('await db.saveCalendarAccount(userId!, account.accountId')
      expect(source, name).toMatch(/^npm i @pyas\/react @tanstack\/react-query/m)
    }
  })
})

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join, relative, resolve } from 'node:path'
import { type DefaultTheme, defineConfig } from 'vitepress'
import { en } from '../../src/core/messages.js'

const ROOT = resolve(import.meta.dirname, '../..')

/** The package name a repository-relative import stands for in the docs. */
const publicImports = (source: string) =>
  source
    .replace(/(['"])(?:\.\.\/)+src\/(server|testing)\/index\.js\1/g, '$1@pyas/react/$2$1')
    .replace(/(['"])(?:\.\.\/)+src\/index\.js\1/g, '$1@pyas/react$1')
    .replace(/(['"])(?:\.\.\/)+src\/styles\.css\1/g, '$1@pyas/react/styles.css$1')
    .replace(/(['"])(?:\.\.\/)+src\/locales\/([\w-]+)\.js\1/g, '$1@pyas/react/locales/$2$1')

const LANGUAGE: Record<string, string> = {
  '.ts': 'ts',
  '.tsx': 'tsx',
  '.mjs': 'js',
  '.cjs': 'js',
  '.py': 'python',
}

/**
 * Expands the docs' two directives, each alone on a line, so that every code block shown is a
 * file the test suite runs or type-checks:
 * - `@snippet(path)` — the file at `path` (from the repository root), with its relative imports of
 *   `src/` shown as the package's public entries;
 * - `@messages(prefix)` — the default English messages whose keys start with `prefix`, as a table.
 */
export function expandDirectives(markdown: string): string {
  return markdown
    .replace(/^@snippet\(([^)]+)\)$/gm, (_, path: string) => {
      const source = publicImports(readFileSync(join(ROOT, path), 'utf8')).trimEnd()
      return `\`\`\`${LANGUAGE[extname(path)] ?? ''}\n${source}\n\`\`\``
    })
    .replace(/^@messages\(([^)]*)\)$/gm, (_, prefix: string) => {
      const rows = Object.entries(en)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, text]) => `| \`${key}\` | ${text.replace(/\|/g, '\\|')} |`)
      return ['| key | English |', '| --- | --- |', ...rows].join('\n')
    })
}

// The sidebar's groups. Each group is its own list so that pages can be added to one group
// without touching the others.

/** Getting started: the overview, then one page per stack (`/guide/start/<stack>`). */
const start: DefaultTheme.SidebarItem[] = [
  { text: 'Getting started', link: '/guide/getting-started' },
  // stacks
  { text: 'Next.js (App Router)', link: '/guide/start/next-app' },
  { text: 'Next.js (Pages Router)', link: '/guide/start/next-pages' },
  { text: 'React Router 7', link: '/guide/start/react-router' },
  { text: 'Vite + Express (offline)', link: '/guide/start/vite-express' },
  { text: 'Fastify', link: '/guide/start/fastify' },
  { text: 'Hono', link: '/guide/start/hono' },
  { text: 'Plain node:http', link: '/guide/start/node-http' },
  { text: 'Any backend: pyas-proxy', link: '/guide/start/pyas-proxy' },
]

/** How it works. */
const concepts: DefaultTheme.SidebarItem[] = [
  { text: 'The round trip', link: '/guide/round-trip' },
  { text: 'One return, one receiver', link: '/guide/one-return' },
  { text: 'The demo', link: '/guide/demo' },
  // concepts
]

/** The browser side: components, hooks, their looks and languages, testing. */
const browserGuide: DefaultTheme.SidebarItem[] = [
  { text: 'Components and hooks', link: '/guide/components' },
  { text: 'Styling', link: '/guide/styling' },
  { text: 'Localization', link: '/guide/localization' },
  { text: 'Testing', link: '/guide/testing' },
  // browser
]

/** After the connect, and connecting from anywhere. */
const features: DefaultTheme.SidebarItem[] = [
  { text: 'Choosing calendars', link: '/guide/calendars' },
  { text: 'In-app browsers and connect links', link: '/guide/in-app-links' },
  // features
]

/** The server side: the proxy, webhooks, the bin in production, the security model. */
const serverGuide: DefaultTheme.SidebarItem[] = [
  // server
  { text: 'The proxy', link: '/guide/proxy' },
  { text: 'Security model', link: '/guide/security' },
  { text: 'Account lifecycle and webhooks', link: '/guide/webhooks' },
  { text: 'Any backend: pyas-proxy', link: '/guide/pyas-proxy' },
  { text: 'pyas-proxy in production', link: '/guide/production' },
]

/** When something goes wrong, and what may change. */
const reference: DefaultTheme.SidebarItem[] = [
  { text: 'Troubleshooting', link: '/guide/troubleshooting' },
  { text: 'Errors', link: '/guide/errors' },
  { text: 'Versioning', link: '/guide/versioning' },
  { text: 'Package and size', link: '/guide/package' },
]

const groups = [
  { text: 'Getting started', items: start },
  { text: 'Concepts', items: concepts },
  { text: 'Browser', items: browserGuide },
  { text: 'Calendars and links', items: features },
  { text: 'Server', items: serverGuide },
  { text: 'Reference', items: reference },
].filter((group) => group.items.length > 0)

/** Every guide page in the sidebar's order. */
const guide = groups.flatMap((group) => group.items)

/**
 * `llms.txt` (an index of every page with its first line) and `llms-full.txt` (every page's
 * Markdown, in order) for coding assistants, written from the same pages at build time.
 */
function writeLlmsFiles(srcDir: string, outDir: string, siteTitle: string) {
  const pages: Array<{ path: string; title: string; summary: string; body: string }> = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.')) continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.md')) {
        const body = expandDirectives(readFileSync(full, 'utf8')).replace(
          /^---\n[\s\S]*?\n---\n/,
          '',
        )
        const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? entry.name
        const summary =
          body
            .split('\n\n')
            .map((block) => block.trim())
            .find((block) => block && !block.startsWith('#') && !block.startsWith('```'))
            ?.replace(/\s+/g, ' ') ?? ''
        const path = `/${relative(srcDir, full)
          .replace(/\\/g, '/')
          .replace(/(index)?\.md$/, '')}`
        pages.push({ path, title, summary, body })
      }
    }
  }
  walk(srcDir)
  // Home, then the guide in its sidebar's order, then the API reference.
  const rank = (path: string) => {
    const inGuide = guide.findIndex((item) => item.link === path)
    return path === '/' ? -1 : inGuide >= 0 ? inGuide : path.startsWith('/api/') ? 1000 : 500
  }
  pages.sort((a, b) => rank(a.path) - rank(b.path))
  const index = [
    `# ${siteTitle}`,
    '',
    '> Connect Google Calendar, Outlook and Zoom accounts to Pyas from React, with the API key kept on your server.',
    '',
    ...pages.map((page) => `- [${page.title}](${page.path}): ${page.summary.slice(0, 200)}`),
    '',
  ].join('\n')
  writeFileSync(join(outDir, 'llms.txt'), index)
  writeFileSync(
    join(outDir, 'llms-full.txt'),
    pages.map((page) => `<!-- ${page.path} -->\n${page.body.trim()}\n`).join('\n'),
  )
}

export default defineConfig({
  title: '@pyas/react',
  description:
    'Connect Google Calendar, Outlook and Zoom accounts to Pyas from React, with the API key kept on your server.',
  lang: 'en',
  head: [['link', { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]],
  cleanUrls: true,
  lastUpdated: false,
  // A broken internal link fails the build.
  ignoreDeadLinks: false,
  markdown: {
    config(md) {
      // Before markdown-it parses a page (and before the local search indexes it).
      md.core.ruler.before('normalize', 'pyas-directives', (state) => {
        state.src = expandDirectives(state.src)
      })
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'API reference', link: '/api/' },
    ],
    sidebar: [
      ...groups,
      {
        text: 'API reference',
        items: [
          { text: '@pyas/react', link: '/api/index/' },
          { text: '@pyas/react/server', link: '/api/server/' },
          { text: '@pyas/react/testing', link: '/api/testing/' },
        ],
      },
    ],
    search: { provider: 'local' },
    outline: [2, 3],
  },
  buildEnd(site) {
    writeLlmsFiles(site.srcDir, site.outDir, site.site.title)
  },
})

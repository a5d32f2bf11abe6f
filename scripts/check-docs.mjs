// Walks the built documentation site (docs/.vitepress/dist) in Debian's Chromium: every page
// reachable from the home page renders with no console error, every internal link and anchor
// resolves, the local search finds the terms a developer looks for, and the guides read at 360 px
// wide with no sideways scroll. Prints `docs: N passed, N failed` and exits non-zero on a failure.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from './chromium.mjs'

const DIST = new URL('../docs/.vitepress/dist/', import.meta.url).pathname
const SEARCH_TERMS = (
  process.env.DOCS_SEARCH_TERMS ?? 'popup_blocked,authorizeAccount,createPyasProxy'
).split(',')
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('check-docs: docs/.vitepress/dist is missing; run `npm run docs:build` first.')
  process.exit(1)
}

/** The file a clean URL stands for, as a static host serves VitePress's `cleanUrls`. */
function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '')
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    const file = join(DIST, candidate)
    if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

const server = createServer((req, res) => {
  const file = fileFor(new URL(req.url ?? '/', 'http://x').pathname)
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    return
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`

let passed = 0
const failures = []
const check = (ok, what) => {
  if (ok) passed++
  else failures.push(what)
}

const browser = await chromium.launch(chromiumLaunchOptions)
try {
  const context = await browser.newContext()
  const page = await context.newPage()
  const consoleErrors = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`)
  })

  // Crawl: every internal page linked from the home page, the sidebar and the pages themselves.
  const queue = ['/']
  const seen = new Set(queue)
  const anchors = [] // [fromPage, pathname, hash]
  while (queue.length > 0) {
    const path = queue.shift()
    consoleErrors.length = 0
    const response = await page.goto(origin + path, { waitUntil: 'networkidle' })
    check(response?.status() === 200, `${path}: HTTP ${response?.status()}`)
    const heading = await page
      .locator('h1')
      .first()
      .textContent()
      .catch(() => null)
    check(Boolean(heading?.trim()), `${path}: no h1`)
    const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.href))
    for (const href of hrefs) {
      const url = new URL(href)
      if (url.origin !== origin) continue
      const target = url.pathname.replace(/\.html$/, '').replace(/\.md$/, '')
      if (url.hash) anchors.push([path, target, decodeURIComponent(url.hash.slice(1))])
      if (!seen.has(target)) {
        seen.add(target)
        queue.push(target)
      }
    }
    check(consoleErrors.length === 0, `${path}: console errors: ${consoleErrors.join(' | ')}`)
  }

  // Every anchor names an element on its page.
  const idsByPage = new Map()
  for (const [from, target, id] of anchors) {
    if (!idsByPage.has(target)) {
      await page.goto(origin + target, { waitUntil: 'domcontentloaded' })
      idsByPage.set(target, new Set(await page.$$eval('[id]', (nodes) => nodes.map((n) => n.id))))
    }
    check(idsByPage.get(target).has(id), `${from}: broken anchor ${target}#${id}`)
  }

  // The local search finds what developers type.
  for (const term of SEARCH_TERMS) {
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
    await page.locator('.VPNavBarSearch button').click()
    const input = page.locator('#localsearch-input')
    await input.fill(term)
    const results = page.locator('#localsearch-list li')
    const found = await results
      .first()
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false)
    check(found, `search finds nothing for "${term}"`)
  }

  // Narrow screens: no sideways scroll on any guide page.
  const narrow = await browser.newPage({ viewport: { width: 360, height: 740 } })
  for (const path of [...seen].filter((p) => p === '/' || p.startsWith('/guide/'))) {
    await narrow.goto(origin + path, { waitUntil: 'networkidle' })
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth)
    check(width <= 360, `${path}: ${width}px wide at a 360px viewport`)
  }
  console.log(
    `docs: ${seen.size} pages, ${anchors.length} anchors, ${SEARCH_TERMS.length} searches`,
  )
} finally {
  await browser.close()
  server.close()
}

for (const failure of failures) console.error(`  ✗ ${failure}`)
console.log(`docs: ${passed} passed, ${failures.length} failed`)
process.exit(failures.length === 0 ? 0 : 1)

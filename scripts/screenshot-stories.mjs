// Screenshots the ConnectButton "All States" story from the static Storybook in headless Debian
// chromium: serves storybook-static on 127.0.0.1 (msw's service worker needs http, not file://),
// waits until every card shows the state it is named after, and saves it in English, Arabic (right
// to left) and Japanese: test-results/all-states.png, all-states-ar.png and all-states-ja.png.
// Run `npm run build-storybook` first. Usage: node scripts/screenshot-stories.mjs [story-id]
import { mkdir, readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'

const ROOT = resolve('storybook-static')
const STORY_ID = process.argv[2] ?? 'components-connectbutton--all-states'
/** The `locale` toolbar global of each picture, and its file. */
const SHOTS = [
  { locale: 'en', out: resolve('test-results/all-states.png') },
  { locale: 'ar', out: resolve('test-results/all-states-ar.png') },
  { locale: 'ja', out: resolve('test-results/all-states-ja.png') },
]
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}
const FLAGS = CHROMIUM_ARGS

// Whatever happens, stop by ourselves.
const deadline = setTimeout(() => {
  console.error('screenshot: timed out after 120 s')
  process.exit(1)
}, 120_000)
deadline.unref()

const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname))
  const file = join(ROOT, path.endsWith('/') ? `${path}index.html` : path)
  try {
    if (!file.startsWith(ROOT) || !(await stat(file)).isFile()) throw new Error('not found')
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(await readFile(file))
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  }
})

let browser
let failed = false
try {
  const index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8'))
  if (!index.entries[STORY_ID]) throw new Error(`no story ${STORY_ID} in storybook-static`)
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address()

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
  })
  await mkdir(resolve('test-results'), { recursive: true })
  for (const { locale, out } of SHOTS) {
    // A fresh context each time: storage (attempt records) and msw's worker start clean.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error('page error:', error.message))
    const story = `id=${STORY_ID}&viewMode=story&globals=locale:${locale}`
    await page.goto(`http://127.0.0.1:${port}/iframe.html?${story}`)
    await settle(page, locale).catch(async (error) => {
      // Say which cards did not reach their state, and what they show instead.
      const cards = await page.$$eval('[data-expected-state]', (nodes) =>
        nodes.map((card) => {
          const shown = card.querySelector('[data-state]')?.getAttribute('data-state')
          return `${card.getAttribute('data-scenario')}: expected ${card.getAttribute('data-expected-state')}, shows ${shown}`
        }),
      )
      throw new Error(`${locale}: ${error.message}\n  ${cards.join('\n  ')}`)
    })
    await page.screenshot({ path: out, fullPage: true, animations: 'disabled', caret: 'hide' })
    await context.close()
    console.log(`screenshot: ${out}`)
  }
} catch (error) {
  failed = true
  console.error('screenshot failed:', error instanceof Error ? error.message : error)
} finally {
  await browser?.close()
  server.close()
  server.closeAllConnections?.()
}
process.exit(failed ? 1 : 0)

/** Waits until the story runs in `locale` and every card shows its state, then drops the focus. */
async function settle(page, locale) {
  await page.waitForSelector(`[lang="${locale}"]`, { timeout: 30_000 })
  // Settled: the play function has clicked through, and each card's button shows its state.
  await page.waitForFunction(
    () => {
      const cards = [...document.querySelectorAll('[data-expected-state]')]
      return (
        cards.length > 0 &&
        cards.every(
          (card) =>
            card.querySelector('[data-state]')?.getAttribute('data-state') ===
            card.getAttribute('data-expected-state'),
        )
      )
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  )
  await page.evaluate(async () => {
    await document.fonts.ready
    // The play function's last click leaves a focus ring; a still picture doesn't need it.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
  })
}

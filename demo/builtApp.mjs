// `--build`: the demo app bundled once at start and served from memory (no HMR, a handful of
// requests per page instead of one per module). The e2e tests and the bench use it, so a page load
// stays fast on a busy machine. React stays in its development build (mode `development`), so
// StrictMode still double-invokes effects, as it does under `npm start`; the click-to-navigation
// bench sets PYAS_DEMO_MODE=production to time what a customer's production build does.
import { extname } from 'node:path'
import { build } from 'vite'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/** Builds the app described by `config` (a Vite inline config) and returns a node:http handler. */
export async function buildApp(config) {
  const result = await build({
    ...config,
    mode: process.env.PYAS_DEMO_MODE === 'production' ? 'production' : 'development',
    logLevel: 'warn',
    build: { write: false, minify: false, sourcemap: false, reportCompressedSize: false },
  })
  const files = new Map()
  for (const output of Array.isArray(result) ? result : [result]) {
    for (const item of output.output) {
      files.set(`/${item.fileName}`, item.type === 'chunk' ? item.code : item.source)
    }
  }
  const index = files.get('/index.html')
  if (index === undefined) throw new Error('demo: the build produced no index.html')

  return function serveBuiltApp(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const path = (req.url ?? '/').split('?')[0]
    const file = files.get(path)
    // Like the dev server's SPA fallback: any page path gets index.html, missing assets a 404.
    const body = file ?? (extname(path) === '' ? index : undefined)
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    res.writeHead(200, {
      'content-type':
        TYPES[file === undefined ? '.html' : extname(path)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}

// Bundle size side by side: what a customer's browser bundle gains from importing each library.
//
//   npm run bench:size          (installs bench/ deps with `npm ci --prefix bench` and builds dist/
//                                when missing; prints a markdown table for bench/RESULTS.md)
//
// Every row is one esbuild bundle of `import { X } from '<pkg>'; console.log(X)`: minified,
// platform browser, format esm, with the peers (react, react-dom, react/jsx-runtime,
// @tanstack/react-query) external — "minified + gzip (level 9), peers external, as a customer
// imports it". Ours is measured from the built dist/index.js. Our browser bundles must contain
// neither `x-api-key` nor server code (`upstream_timeout`): the script exits 1 if they do.
//
// The last column says whether the library loads a remote script at run time. It is read from
// the bundled code itself: a `<script>` element created at run time, plus the remote URLs near it.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BENCH = fileURLToPath(new URL('.', import.meta.url))
const ROOT = join(BENCH, '..')
const DIST_ENTRY = join(ROOT, 'dist/index.js')
const PEERS = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query']

// `npm run` exports npm_config_local_prefix=<repo>; a nested npm must not inherit it.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
)

function sh(command, args, cwd) {
  console.error(`bench:size: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`bench:size: ${command} ${args.join(' ')} failed (${result.status})`)
    process.exit(1)
  }
}

if (!existsSync(join(BENCH, 'node_modules/esbuild/package.json'))) {
  sh('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund', '--loglevel=error'], ROOT)
}
if (!existsSync(DIST_ENTRY)) sh('npm', ['run', 'build'], ROOT)

const esbuild = await import('esbuild')

function version(pkg) {
  const file = join(BENCH, 'node_modules', pkg, 'package.json')
  return JSON.parse(readFileSync(file, 'utf8')).version
}

/** Minifies `code` as a customer's bundler would; returns the output text and its sizes. */
async function measure(code, resolveDir) {
  const result = await esbuild.build({
    stdin: { contents: code, resolveDir, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: PEERS,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  })
  const bytes = result.outputFiles[0].contents
  return {
    text: result.outputFiles[0].text,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  }
}

/** Run-time `<script>` injection in a bundle, with the remote URLs it can point at. */
function remoteScripts(text) {
  const injects = /createElement\(\s*(["'`])script\1\s*\)/.test(text)
  if (!injects) return { injects, urls: [] }
  const urls = [...new Set(text.match(/https:\/\/[\w.-]+(?:\/[\w./-]*)?/g) ?? [])]
  // Likely script sources: a literal ending in .js, Google's /gsi/client, or a CDN origin that a
  // path is appended to at run time (Sentry's lazy loader). Plain API origins are left out.
  const scriptish = urls.filter(
    (url) =>
      /\.js$/.test(url) || /\/gsi\/client$/.test(url) || /^https:\/\/[\w.-]*cdn[\w.-]*$/.test(url),
  )
  return { injects, urls: scriptish }
}

function kB(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`
}

// ---------------------------------------------------------------------------------------------

const exportsProbe = await esbuild.build({
  entryPoints: [DIST_ENTRY],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  external: PEERS,
  metafile: true,
  write: false,
  logLevel: 'silent',
})
const ourExports = Object.values(exportsProbe.metafile.outputs)[0].exports.sort()
const hasDialog = ourExports.includes('PyasConnectDialog')
const withoutDialog = ourExports.filter((name) => name !== 'PyasConnectDialog')

function ours(names) {
  return `import { ${names.join(', ')} } from ${JSON.stringify(DIST_ENTRY)}\nconsole.log(${names.join(', ')})\n`
}

const rows = [
  {
    library: '**@pyas/react** — every export except PyasConnectDialog',
    imports: withoutDialog.join(', '),
    code: ours(withoutDialog),
    dir: ROOT,
    ours: true,
  },
  {
    library: '**@pyas/react** — PyasProvider + ConnectGoogleButton',
    imports: 'PyasProvider, ConnectGoogleButton',
    code: ours(['PyasProvider', 'ConnectGoogleButton']),
    dir: ROOT,
    ours: true,
  },
  {
    library: '**@pyas/react** — everything, PyasConnectDialog included',
    imports: hasDialog ? ourExports.join(', ') : 'PyasConnectDialog (not exported yet)',
    code: hasDialog ? ours(ourExports) : null,
    dir: ROOT,
    ours: true,
  },
]

const COMPETITORS = [
  ['react-plaid-link', ['usePlaidLink']],
  ['@react-oauth/google', ['GoogleOAuthProvider', 'useGoogleLogin']],
  ['@nangohq/frontend', ['default'], 'Nango (default export)'],
  ['@mergeapi/react-merge-link', ['useMergeLink']],
  // Its README lists useNylasConnect under the root entry too, but 3.2.15's root does not export
  // it: the root is the Scheduler (web components); the connect hook lives in /connect.
  ['@nylas/react', ['NylasScheduling'], 'NylasScheduling (root entry: the Scheduler)'],
  ['@nylas/react/connect', ['useNylasConnect'], 'useNylasConnect (/connect subpath)'],
  ['@auth0/auth0-react', ['Auth0Provider', 'useAuth0']],
]
for (const [pkg, names, label] of COMPETITORS) {
  const base = pkg.startsWith('@') ? pkg.split('/').slice(0, 2).join('/') : pkg.split('/')[0]
  const specifiers = names.map((name) => (name === 'default' ? 'default as Lib' : name))
  const locals = names.map((name) => (name === 'default' ? 'Lib' : name))
  rows.push({
    library: `${pkg} ${version(base)}`,
    imports: label ?? names.join(', '),
    code: `import { ${specifiers.join(', ')} } from '${pkg}'\nconsole.log(${locals.join(', ')})\n`,
    dir: BENCH,
  })
}

let failed = false
const evidence = []
for (const row of rows) {
  if (!row.code) {
    row.cells = ['n/a', 'n/a', 'n/a']
    continue
  }
  try {
    const { text, min, gzip } = await measure(row.code, row.dir)
    const scripts = remoteScripts(text)
    let remote = scripts.injects ? 'yes' : 'no'
    if (scripts.injects && scripts.urls.length > 0) {
      const more = scripts.urls.length > 1 ? `, +${scripts.urls.length - 1} more` : ''
      remote += ` (${scripts.urls[0]}${more})`
      evidence.push(`• ${row.library}: creates a <script> at run time; ${scripts.urls.join(', ')}`)
    } else if (scripts.injects) {
      remote += ' (creates a `<script>`; URL built at run time)'
      evidence.push(`• ${row.library}: creates a <script> at run time; no literal script URL`)
    }
    if (row.ours) {
      const leaks = ['x-api-key', 'upstream_timeout'].filter((needle) => text.includes(needle))
      if (leaks.length > 0) {
        failed = true
        evidence.push(`✗ ${row.library}: the browser bundle contains ${leaks.join(' and ')}`)
      } else {
        evidence.push(`✓ ${row.library}: no \`x-api-key\`, no \`upstream_timeout\` in the bundle`)
      }
    }
    row.cells = [kB(min), kB(gzip), remote]
  } catch (error) {
    failed = true
    row.cells = ['error', 'error', 'error']
    const reason = error.errors?.map((e) => e.text).join('; ') ?? error.message
    evidence.push(`✗ ${row.library}: ${reason}`)
  }
}

const header = ['library', 'imports', 'min', 'min + gzip', 'loads a remote script at run time']
const lines = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${[row.library, row.imports, ...row.cells].join(' | ')} |`),
]
console.log(lines.join('\n'))
const css = await esbuild.build({
  entryPoints: [join(ROOT, 'dist/styles.css')],
  minify: true,
  write: false,
  logLevel: 'silent',
})
const cssBytes = css.outputFiles[0].contents
console.log(
  `\nesbuild ${esbuild.version}, --minify, platform browser, format esm, gzip level 9 (kB = 1024 B);` +
    ` external: ${PEERS.join(', ')}.` +
    `\n@pyas/react/styles.css (optional, imported separately): ${kB(cssBytes.length)} min,` +
    ` ${kB(gzipSync(cssBytes, { level: 9 }).length)} min + gzip.`,
)
console.log(evidence.join('\n'))
process.exit(failed ? 1 : 0)

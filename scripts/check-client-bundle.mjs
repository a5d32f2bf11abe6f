// Bundles the built browser entry as a customer's bundler would (peers external) and fails if it
// holds anything of the server side: the key header's name or the proxy's code. Then checks that
// locales are bundled only when imported: the browser entry holds none but English, and each
// `@pyas/react/locales/<tag>` holds its own table and nothing else. Prints the gzip figures.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const FORBIDDEN = [
  'x-api-key',
  'upstream_timeout',
  'createPyasProxy',
  'createFakePyas',
  // The webhook handler and the pyas-proxy bin are server code too.
  'invalid_webhook',
  'x-pyas-signature',
  'PYAS_FORWARD_SECRET',
]
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'node:*']

/** One esbuild bundle of `contents`, minified or not, with the files it pulled in. */
async function bundle(contents, minify = false) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify,
    charset: 'utf8',
    metafile: true,
    external: PEERS,
    logLevel: 'error',
  })
  const bytes = result.outputFiles[0].contents
  return {
    text: result.outputFiles[0].text,
    inputs: Object.keys(result.metafile.inputs),
    gzip: gzipSync(bytes, { level: 9 }).length,
  }
}

const failures = []
const entry = await bundle("export * from './dist/index.js'")
const code = entry.text.toLowerCase()
const found = FORBIDDEN.filter((needle) => code.includes(needle.toLowerCase()))
if (found.length) failures.push(`the browser bundle contains ${found.join(', ')}`)

// Each locale is recognised by its Google label, which differs in every language.
const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'ar']
const label = (tag) => {
  const source = readFileSync(`dist/locales/${tag === 'en' ? '../core/messages' : tag}.js`, 'utf8')
  return JSON.parse(/"label\.google": ("[^"]+")/.exec(source)[1])
}
const labels = Object.fromEntries(LOCALES.map((tag) => [tag, label(tag)]))
const holds = (text, tag) => text.includes(labels[tag])

const inEntry = LOCALES.filter((tag) => tag !== 'en' && holds(entry.text, tag))
if (inEntry.length || entry.inputs.some((file) => file.includes('dist/locales/'))) {
  failures.push(`the browser entry bundles a locale (${inEntry.join(', ') || 'dist/locales/'})`)
}

const figures = []
for (const tag of LOCALES) {
  const alone = await bundle(
    `import { messages } from './dist/locales/${tag}.js'\nconsole.log(messages)`,
    true,
  )
  // Only the table's own module, and for English the module that defines it.
  const allowed = [`dist/locales/${tag}.js`, ...(tag === 'en' ? ['dist/core/messages.js'] : [])]
  const extra = alone.inputs.filter((file) => file !== '<stdin>' && !allowed.includes(file))
  const others = LOCALES.filter((other) => other !== tag && holds(alone.text, other))
  if (!holds(alone.text, tag)) failures.push(`locales/${tag} lacks its own table`)
  if (extra.length) failures.push(`locales/${tag} also bundles ${extra.join(', ')}`)
  if (others.length) failures.push(`locales/${tag} also holds ${others.join(', ')}`)
  figures.push(`${tag} ${alone.gzip} B`)
}
// From the source: the build drops the helpers while no component imports them. The connect
// part is what a bundle with only buttons carries; the whole table adds the dialog's and the
// account list's texts.
const fromSource = (names) =>
  bundle(`import { ${names} } from './src/core/messages.ts'\nconsole.log(${names})`, true)
const connectPart = await fromSource('enConnect, formatMessage, mergeMessages')
const core = await fromSource('en, formatMessage, resolveMessages')
if (['Work email', 'No calendar connected yet.'].some((text) => connectPart.text.includes(text))) {
  failures.push("the English connect part also holds the dialog's or the account list's texts")
}

// The calendar picker and its hook stay out of a bundle that does not import them.
const pair = await bundle(
  "import { PyasProvider, ConnectGoogleButton } from './dist/index.js'\nconsole.log(PyasProvider, ConnectGoogleButton)",
)
// esbuild reads every re-exported module (so they are all in `inputs`), but names in its output
// only the modules whose code it kept.
const calendarFiles = [...pair.text.matchAll(/^\/\/ (\S*calendar\S*)$/gim)].map((m) => m[1])
if (calendarFiles.length || /pyas-calendars|calendars\.loading/.test(pair.text)) {
  failures.push(
    `PyasProvider + ConnectGoogleButton bundles the calendar picker (${calendarFiles.join(', ')})`,
  )
}

if (failures.length) {
  for (const failure of failures) console.error(`client bundle check: FAILED, ${failure}`)
  process.exit(1)
}
console.log(
  `client bundle check: ok (${code.length} bytes unminified, none of ${FORBIDDEN.join(', ')}, no locale)`,
)
console.log(
  `locales, each alone (min + gzip): ${figures.join(', ')}; each holds only its own table. ` +
    `Messages module: ${connectPart.gzip} B with the connect part of English only, ` +
    `${core.gzip} B with the whole English table`,
)

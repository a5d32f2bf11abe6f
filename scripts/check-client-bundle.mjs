// Bundles the built browser entry as a customer's bundler would (peers external) and fails if it
// holds anything of the server side: the key header's name or the proxy's code.
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
const result = await build({
  stdin: { contents: "export * from './dist/index.js'", resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'node:*'],
  logLevel: 'error',
})
const code = result.outputFiles[0].text.toLowerCase()
const found = FORBIDDEN.filter((needle) => code.includes(needle.toLowerCase()))
if (found.length) {
  console.error(`client bundle check: FAILED, the browser bundle contains ${found.join(', ')}`)
  process.exit(1)
}
console.log(
  `client bundle check: ok (${code.length} bytes unminified, none of ${FORBIDDEN.join(', ')})`,
)

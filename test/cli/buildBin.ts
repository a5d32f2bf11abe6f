// Vitest global setup: the CLI tests run the built bin (`node dist/cli/pyas-proxy.js`), as a
// customer does. On a clean clone `npm test` runs before `npm run build`, and during development
// dist/ lags behind the source, so dist/ is rebuilt (the whole JavaScript build, without type
// declarations: a few seconds) whenever the bin is missing or older than any source file it is
// built from. `npm run build` makes the complete dist/ afterwards.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BIN = join(ROOT, 'dist/cli/pyas-proxy.js')

function newestSource(): number {
  let newest = statSync(join(ROOT, 'vite.config.ts')).mtimeMs
  for (const dir of ['src']) {
    for (const name of readdirSync(join(ROOT, dir), { recursive: true }) as string[]) {
      newest = Math.max(newest, statSync(join(ROOT, dir, name)).mtimeMs)
    }
  }
  return newest
}

export default function setup(): void {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSource()) return
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    // Vitest sets NODE_ENV=test; the build must be the production one, as `npm run build` makes.
    env: { ...process.env, NODE_ENV: 'production', PYAS_BUILD: 'js' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

// Writes a `.d.cts` beside every `.d.ts` in dist/, with relative specifiers pointing at the
// `.cjs` files, so `require('@pyas/react')` gets CommonJS types (no "masquerading as ESM").
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

let written = 0
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (statSync(file).isDirectory()) walk(file)
    else if (name.endsWith('.d.ts')) {
      const source = readFileSync(file, 'utf8').replace(
        /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+?)\.js\2/g,
        (_, lead, quote, path) => `${lead}${quote}${path}.cjs${quote}`,
      )
      writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), source)
      written++
    }
  }
}
walk('dist')
console.log(`emit-cts: ${written} .d.cts files`)

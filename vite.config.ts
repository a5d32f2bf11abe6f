import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import dts from 'vite-plugin-dts'

/** Ships `src/styles.css` as `dist/styles.css`, untouched, for `@pyas/react/styles.css`. */
function copyStyles(): Plugin {
  return {
    name: 'pyas:copy-styles',
    apply: 'build',
    generateBundle(options) {
      if (options.format !== 'es') return
      this.emitFile({
        type: 'asset',
        fileName: 'styles.css',
        source: readFileSync(new URL('./src/styles.css', import.meta.url), 'utf8'),
      })
    },
  }
}

/**
 * In the CommonJS build, `msw` (an optional peer that only `pyasHandlers` uses) is required on
 * first use instead of when `@pyas/react/testing` loads. msw ≥ 2.13 cannot be `require`d in Jest
 * on Node 20 without a transform (its dependency `rettime` is ESM-only), and `createFakePyas`
 * does not need it. The ES build gets the same promise from `lazyMswInEs`.
 */
function lazyMswInCommonJs(): Plugin {
  const eager = /^(?:let|const|var) (\w+) = require\("msw"\);$/m
  return {
    name: 'pyas:lazy-msw-in-cjs',
    apply: 'build',
    renderChunk(code, _chunk, options) {
      if (options.format !== 'cjs' || !code.includes('require("msw")')) return null
      const match = eager.exec(code)
      if (!match) throw new Error('pyas:lazy-msw-in-cjs: an msw require() of an unexpected shape')
      // One line for one line, so the source map stays right.
      const lazy = `const ${match[1]} = ((loaded) => new Proxy({}, { get: (_, name) => (loaded ??= require("msw"))[name] }))();`
      return { code: code.replace(eager, lazy), map: null }
    },
  }
}

/**
 * In the ES build, `msw` is loaded with a top-level `await import()` whose failure is kept for
 * later: `import { createFakePyas } from '@pyas/react/testing'` then works in plain Node ESM
 * without msw installed, and only using `pyasHandlers()` throws (with the loader's error as its
 * `cause`). With msw installed nothing changes: it loads with the module, as a static import did.
 */
function lazyMswInEs(): Plugin {
  const eager = /^import (\{ [\w$, ]+ \}|\* as [\w$]+) from "msw";$/m
  return {
    name: 'pyas:lazy-msw-in-es',
    apply: 'build',
    renderChunk(code, _chunk, options) {
      if (options.format !== 'es' || !/from "msw"/.test(code)) return null
      const match = eager.exec(code)
      if (!match?.[1]) throw new Error('pyas:lazy-msw-in-es: an msw import of an unexpected shape')
      const binding = match[1].replace(/ as /g, ': ').replace(/^\*: /, '')
      // Not a thenable (no `then`), or awaiting it would call the stub; one line for one line.
      const missing = `(cause) => { const fail = () => { throw new Error("@pyas/react/testing: pyasHandlers() needs msw 2, an optional peer dependency: npm i -D msw@2", { cause }) }; const stub = new Proxy(function () {}, { get: fail, apply: fail, construct: fail }); return new Proxy({}, { get: (_, name) => (name === 'then' ? undefined : stub) }) }`
      const lazy = `const ${binding} = await import("msw").catch(${missing});`
      return { code: code.replace(eager, lazy), map: null }
    },
  }
}

/**
 * msw is an optional peer that only `pyasHandlers` needs, for its types too: the one import of
 * msw's types (in `testing/pyasHandlers.d.ts`) is marked `@ts-ignore`, so a strict project
 * (`skipLibCheck: false`) without msw still type-checks `@pyas/react/testing` — `createFakePyas` and
 * every other type import nothing from msw, and `pyasHandlers()` is then typed `any[]`. With msw
 * installed nothing changes. Any other declaration file that imports msw fails the build.
 */
function optionalMswTypes(filePath: string, content: string): { content: string } | undefined {
  const imports = /^import [^\n]* from ['"]msw(?:\/[^'"]*)?['"];?$/gm
  if (!/['"]msw(?:\/[^'"]*)?['"]/.test(content)) return undefined
  const marked = content.replace(
    imports,
    (line) =>
      `// @ts-ignore msw is an optional peer: without it, pyasHandlers() is typed any[]\n${line}`,
  )
  const unmarked = marked.replace(imports, '').replace(/^\/\/ @ts-ignore msw[^\n]*\n/gm, '')
  if (
    !/[\\/]testing[\\/]pyasHandlers\.d\.ts$/.test(filePath) ||
    /['"]msw(?:\/[^'"]*)?['"]/.test(unmarked)
  ) {
    throw new Error(
      `pyas:optional-msw-types: ${filePath} refers to msw outside pyasHandlers' one import`,
    )
  }
  return { content: marked }
}

/**
 * The `pyas-proxy` bin is ESM only (Node ≥ 20 runs it directly): its CommonJS copies are dropped.
 * Its entry keeps the `#!/usr/bin/env node` line (checked here, so a build never ships a bin
 * that cannot run).
 */
function esmOnlyCli(): Plugin {
  return {
    name: 'pyas:esm-only-cli',
    apply: 'build',
    generateBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!fileName.startsWith('cli/')) continue
        if (options.format === 'cjs') delete bundle[fileName]
        const chunk = bundle[fileName]
        if (fileName === 'cli/pyas-proxy.js' && chunk?.type === 'chunk') {
          if (!chunk.code.startsWith('#!/usr/bin/env node\n')) {
            chunk.code = `#!/usr/bin/env node\n${chunk.code}`
          }
        }
      }
    },
  }
}

// `PYAS_BUILD=js vite build` is the same build without the type declarations (the slow part):
// what the CLI tests run when dist/ is missing or older than the source. A build of only the bin
// would not do: with one module per file it would overwrite shared modules (dist/core/types.js)
// with copies that export only what the bin uses.
const JS_ONLY = process.env.PYAS_BUILD === 'js'

// One output module per source module: Rolldown then keeps each file's 'use client' directive,
// so it marks exactly the hooks and components (never the server or testing code).
const output = (format: 'es' | 'cjs') => ({
  format,
  preserveModules: true,
  preserveModulesRoot: 'src',
  entryFileNames: format === 'es' ? '[name].js' : '[name].cjs',
  exports: 'named' as const,
  sourcemap: true,
})

// One entry per locale, `@pyas/react/locales/<tag>`: each its own module, bundled only when imported.
const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'ar']
const localeEntries = Object.fromEntries(
  LOCALES.map((tag) => [`locales/${tag}`, `src/locales/${tag}.ts`]),
)

export default defineConfig({
  plugins: [
    react(),
    JS_ONLY
      ? null
      : dts({
          tsconfigPath: './tsconfig.build.json',
          exclude: ['test', 'stories', 'demo', 'bench', 'src/cli'],
          beforeWriteFile: optionalMswTypes,
        }),
    copyStyles(),
    lazyMswInCommonJs(),
    lazyMswInEs(),
    esmOnlyCli(),
  ],
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        'server/index': 'src/server/index.ts',
        'testing/index': 'src/testing/index.ts',
        ...localeEntries,
        'cli/pyas-proxy': 'src/cli/pyas-proxy.ts',
      },
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^msw($|\/)/, /^node:/],
      output: [output('es'), output('cjs')],
    },
    copyPublicDir: false,
    emptyOutDir: true,
    minify: false,
  },
})

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

export default defineConfig({
  plugins: [
    react(),
    dts({ tsconfigPath: './tsconfig.build.json', exclude: ['test', 'stories', 'demo', 'bench'] }),
    copyStyles(),
  ],
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        'server/index': 'src/server/index.ts',
        'testing/index': 'src/testing/index.ts',
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

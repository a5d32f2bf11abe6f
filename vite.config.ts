import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import dts from 'vite-plugin-dts'

/** Ships `src/styles.css` as `dist/styles.css`, untouched, for `@pyas/react/styles.css`. */
function copyStyles(): Plugin {
  return {
    name: 'pyas:copy-styles',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'styles.css',
        source: readFileSync(new URL('./src/styles.css', import.meta.url), 'utf8'),
      })
    },
  }
}

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
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^msw($|\/)/, /^node:/],
      output: {
        // Bundlers drop module-level directives, so the browser entry gets its
        // 'use client' back as a banner (Next.js App Router needs it). The server and
        // testing entries must not carry it.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'index' ? "'use client';" : ''),
      },
    },
    sourcemap: true,
    copyPublicDir: false,
    emptyOutDir: true,
    minify: false,
  },
})

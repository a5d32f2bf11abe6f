// vitest.config.ts
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom', // a DOM for the components; server tests may opt out per file
    setupFiles: ['./vitest.setup.ts'],
  },
})

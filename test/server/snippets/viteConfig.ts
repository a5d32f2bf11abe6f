// vite.config.ts
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The object form, with changeOrigin false: the API server must see the browser's Host. The
// string form ('/api': 'http://localhost:3000') sets changeOrigin: true, which rewrites Host to
// localhost:3000, and the fake's Allow and Deny then return to port 3000 instead of the app.
const api = { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false }

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': api, '/fake-pyas': api } },
})

// vite.config.ts: Vite's dev server in front of your API server (here on port 3000)
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The object form. The string form ('/api': 'http://127.0.0.1:3000') sets changeOrigin, which
// sends your server `Host: 127.0.0.1:3000` instead of the page's host: the consent page and the
// return then land on the API server's origin, where the browser has no attempt (state_mismatch).
const api = { target: 'http://127.0.0.1:3000' }

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': api,
      '/fake-pyas': api, // the offline fake's consent page, when your server mounts one
    },
  },
})

// First: in the emulated in-app view, the user agent must be Instagram's before anything reads it.
import './inAppEmulation.js'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../src/styles.css'
import './demo.css'
import { App } from './App.js'

// One client for the app's own queries (session, accounts) and, through it, the library's state.
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
})

const root = document.getElementById('root')
if (!root) throw new Error('demo: #root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)

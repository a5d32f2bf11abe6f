import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// A <StrictMode> inside the render wrapper does not double-run effects on mount in React 19
// (it must be the root), so RTL wraps every render in StrictMode at the root itself.
configure({ reactStrictMode: true })

afterEach(() => {
  // Files marked `@vitest-environment node` (server, SSR) have no DOM to clean.
  if (typeof window === 'undefined') return
  cleanup()
  window.localStorage.clear()
  window.sessionStorage.clear()
})

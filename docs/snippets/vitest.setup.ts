// vitest.setup.ts
import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(() => {
  cleanup() // Testing Library unmounts by itself only with Vitest's globals on
  localStorage.clear() // the attempts of one test must not meet the next test's return
})

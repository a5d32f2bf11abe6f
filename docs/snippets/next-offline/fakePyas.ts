// lib/fakePyas.ts
import { createFakePyas, type FakePyas } from '../../../src/testing/index.js'

// Next.js can load each route handler in its own module graph, and reloads them in development:
// keep one fake on globalThis so every route sees the same codes and accounts.
const shared = globalThis as typeof globalThis & { fakePyas?: FakePyas }

/** The offline Pyas: only in development and tests, and only while no real key is set. */
export function getFakePyas(): FakePyas | undefined {
  if (process.env.NODE_ENV === 'production' || process.env.PYAS_API_KEY) return undefined
  shared.fakePyas ??= createFakePyas({
    // Relative: back on the host the browser used, 127.0.0.1 or localhost.
    redirectUrl: '/settings',
    appName: 'Acme',
  })
  return shared.fakePyas
}

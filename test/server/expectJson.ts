import { expect } from 'vitest'

// What a proxy answer may carry: ours, the transport's own, and the 429/405 extras.
const ALLOWED_HEADERS = new Set([
  'content-type',
  'cache-control',
  'x-content-type-options',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'allow',
  'retry-after',
  'x-ratelimit-reset',
  'x-ratelimit-remaining',
])

/** Asserts a proxy answer: status, JSON with `no-store`, no stray header, and returns the body. */
export async function expectJson(response: Response, status: number): Promise<unknown> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(response.headers.get('cache-control')).toBe('no-store')
  for (const [name] of response.headers) expect(ALLOWED_HEADERS).toContain(name)
  return JSON.parse(await response.text())
}

import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakePyas, pyasHandlers } from '../../src/testing/index.js'

const fake = createFakePyas({ redirectUrl: () => window.location.href })
const server = setupServer(...pyasHandlers({ fake }), ...pyasHandlers({ proxyUrl: '/other' }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('pyasHandlers', () => {
  it('should match the relative default proxyUrl against the page in a DOM', async () => {
    window.history.replaceState(null, '', '/settings?tab=calendars')
    const response = await fetch('/api/pyas/google/oauth?email=jane@example.com&state=pyas_3')
    const { url } = (await response.json()) as { url: string }
    expect(url.startsWith(`${window.location.origin}/api/pyas/consent?`)).toBe(true)
    const returnUrl = await fake.decide(url)
    expect(returnUrl).toMatch(/\/settings\?tab=calendars&code=.+&state=pyas_3$/)
  })

  it('should create its own fake when none is given', async () => {
    const response = await fetch('/other/zoom/oauth?state=pyas_4')
    expect(response.status).toBe(200)
    const { url } = (await response.json()) as { url: string }
    expect(new URL(url).searchParams.get('state')).toBe('pyas_4')
    expect(fake.requests.some((request) => request.path.startsWith('/other'))).toBe(false)
  })
})

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { within } from '@testing-library/dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as consentRoute from '../../docs/snippets/next-offline/consentRoute.js'
import { getFakePyas } from '../../docs/snippets/next-offline/fakePyas.js'
import * as pyasRoute from '../../docs/snippets/next-offline/pyasRoute.js'
import { submitRequest } from './helpers.js'

// Paths, not URLs: jsdom replaces the global URL, which node:fs does not take.
const HERE = dirname(fileURLToPath(import.meta.url))
const PAGE = join(HERE, '../../docs/guide/testing.md')
// A Next.js route handler gets request.url on localhost whatever host the browser used.
const NEXT = 'http://localhost:3000'
const BROWSER = { host: '127.0.0.1:3000' }

/** A request as Next.js hands it to a route handler for a browser on 127.0.0.1:3000. */
function fromBrowser(url: string | URL, init: RequestInit = {}): Request {
  const { pathname, search } = new URL(url, NEXT)
  const headers = new Headers(init.headers)
  headers.set('host', BROWSER.host)
  return new Request(`${NEXT}${pathname}${search}`, { ...init, headers })
}

afterEach(() => {
  vi.unstubAllEnvs()
  delete (globalThis as { fakePyas?: unknown }).fakePyas
})

describe('the offline recipe for Next.js (docs: Testing)', () => {
  it('should run the round trip on the host the browser used, with one shared fake', async () => {
    vi.stubEnv('PYAS_API_KEY', '')
    const oauth = await pyasRoute.GET(
      fromBrowser('/api/pyas/google/oauth?email=ada%40example.com&state=pyas_next'),
    )
    expect(oauth.status).toBe(200)
    const consentUrl = new URL(((await oauth.json()) as { url: string }).url)
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(
      'http://127.0.0.1:3000/fake-pyas/consent',
    )

    const page = await consentRoute.GET(fromBrowser(consentUrl))
    expect(page.status).toBe(200)
    document.documentElement.innerHTML = new DOMParser().parseFromString(
      await page.text(),
      'text/html',
    ).documentElement.innerHTML
    const allow = submitRequest(
      within(document.body).getByRole('button', { name: 'Allow' }),
      consentUrl.href,
    )
    const decision = await consentRoute.POST(
      fromBrowser(allow.url, { method: 'POST', body: await allow.text() }),
    )
    expect(decision.status).toBe(303)
    const back = new URL(decision.headers.get('location')!)
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:3000/settings')
    expect(back.searchParams.get('state')).toBe('pyas_next')

    const connect = await pyasRoute.POST(
      fromBrowser('/api/pyas/google/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
        body: JSON.stringify({ code: back.searchParams.get('code'), name: 'Ada' }),
      }),
    )
    expect(connect.status).toBe(200)
    expect(getFakePyas()?.accounts()).toEqual([
      expect.objectContaining({ email: 'ada@example.com', name: 'Ada' }),
    ])
  })

  it('should keep the fake API off the consent routes', async () => {
    vi.stubEnv('PYAS_API_KEY', '')
    for (const path of ['/fake-pyas/google/oauth?email=a@b.co', '/fake-pyas/consent/x']) {
      expect((await consentRoute.GET(fromBrowser(path))).status).toBe(404)
    }
  })

  it('should switch the fake off in production and when a real key is set', async () => {
    vi.stubEnv('PYAS_API_KEY', '')
    vi.stubEnv('NODE_ENV', 'production')
    expect(getFakePyas()).toBeUndefined()
    const consent = await consentRoute.GET(fromBrowser('/fake-pyas/consent?provider=google'))
    expect(consent.status).toBe(404)
    // The live proxy reads the key per request: none set is a 500 that says nothing more.
    const live = await pyasRoute.GET(fromBrowser('/api/pyas/zoom/oauth?state=pyas_p'))
    expect(live.status).toBe(500)
    expect(await live.json()).toEqual({ error: 'internal_error' })

    vi.stubEnv('NODE_ENV', 'development')
    vi.stubEnv('PYAS_API_KEY', 'pyas_live_key')
    expect(getFakePyas()).toBeUndefined()
  })

  it('should be the files the Testing page shows', () => {
    const page = readFileSync(PAGE, 'utf8')
    for (const file of ['fakePyas.ts', 'pyasRoute.ts', 'consentRoute.ts']) {
      expect(page).toContain(`@snippet(docs/snippets/next-offline/${file})`)
    }
  })
})

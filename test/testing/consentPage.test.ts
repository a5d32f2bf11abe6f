import { within } from '@testing-library/dom'
import axe from 'axe-core'
import { describe, expect, it, vi } from 'vitest'
import { createFakePyas } from '../../src/testing/index.js'
import { API_KEY, get, submitRequest } from './helpers.js'

const REDIRECT = 'https://app.example/callback?tab=calendar%20sync&lang=en#connected'

async function oauthUrl(
  fake: ReturnType<typeof createFakePyas>,
  path = '/google/oauth?email=jane@example.com&state=pyas_s1',
): Promise<string> {
  return ((await (await get(fake, path)).json()) as { url: string }).url
}

/** Loads the consent page into the test's document, as a browser would show it. */
async function openConsent(url: string, fake: ReturnType<typeof createFakePyas>) {
  const response = await fake.handle(new Request(url))
  const html = await response.text()
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  document.documentElement.innerHTML = parsed.documentElement.innerHTML
  document.documentElement.lang = parsed.documentElement.lang
  return { response, html, doc: document }
}

/** Submits the page's form the way a browser does when the named button is clicked. */
function submit(doc: Document, pageUrl: string, button: 'Allow' | 'Deny'): Request {
  return submitRequest(within(doc.body).getByRole('button', { name: button }), pageUrl)
}

describe('createFakePyas', () => {
  it('should serve an accessible consent page without an API key', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT, apiKey: API_KEY, appName: 'Acme' })
    const { response, html, doc } = await openConsent(await oauthUrl(fake), fake)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).not.toMatch(/<(script|link|img)\b/)
    expect(doc.title).toContain('Acme wants to access your Google Calendar')
    const main = within(doc.body).getByRole('main')
    within(main).getByRole('heading', {
      level: 1,
      name: 'Acme wants to access your Google Calendar',
    })
    expect(main.textContent).toContain('jane@example.com')
    expect(main.textContent).toContain('View and edit events on all your calendars')
    within(main).getByRole('button', { name: 'Allow' })
    within(main).getByRole('button', { name: 'Deny' })
    expect(fake.requests.at(-1)).toMatchObject({ action: 'consent', hasApiKey: false })

    const results = await axe.run(document.documentElement, {
      rules: { 'color-contrast': { enabled: false } },
    })
    expect(results.violations).toEqual([])
  })

  it('should name Outlook Calendar and Zoom, with the default zoom email', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    const outlook = await openConsent(await oauthUrl(fake, '/microsoft/oauth?email=a@b.co'), fake)
    expect(outlook.doc.querySelector('h1')?.textContent).toBe(
      'Your app wants to access your Outlook Calendar',
    )
    expect(outlook.doc.body.textContent).toContain('Have full access to your calendars')
    const zoom = await openConsent(await oauthUrl(fake, '/zoom/oauth'), fake)
    expect(zoom.doc.querySelector('h1')?.textContent).toBe('Your app wants to access your Zoom')
    expect(zoom.doc.body.textContent).toContain('zoom.user@example.com')
  })

  it('should escape everything it echoes', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    const evil = '"><script>alert(1)</script>'
    const query = new URLSearchParams({
      provider: 'google',
      email: `x${evil}@example.com`,
      state: evil,
      client: `<img src=x onerror=alert(1)>`,
    })
    const { html, doc } = await openConsent(`https://api.pyas.io/consent?${query}`, fake)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(doc.querySelector('input[name="state"]')?.getAttribute('value')).toBe(evil)
    expect(doc.querySelector('h1')?.textContent).toBe(
      '<img src=x onerror=alert(1)> wants to access your Google Calendar',
    )
  })

  it('should refuse a consent URL without a known provider', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    const { response } = await openConsent('https://api.pyas.io/consent?provider=yahoo', fake)
    expect(response.status).toBe(400)
  })

  it('should redirect Allow to redirectUrl with code and state, keeping its query and hash', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT, apiKey: API_KEY })
    const url = await oauthUrl(fake)
    const { doc } = await openConsent(url, fake)
    const response = await fake.handle(submit(doc, url, 'Allow'))
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(
      /^https:\/\/app\.example\/callback\?tab=calendar%20sync&lang=en&code=[\w-]+&state=pyas_s1#connected$/,
    )
    const code = new URL(location).searchParams.get('code')
    const connect = await fake.handle(
      new Request('https://api.pyas.io/google/connect', {
        method: 'POST',
        headers: { 'x-api-key': API_KEY },
        body: JSON.stringify({ code, name: 'Jane' }),
      }),
    )
    expect((await connect.json()).data.account.email).toBe('jane@example.com')
  })

  it('should redirect Deny with error=access_denied and the state', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    const url = await oauthUrl(fake)
    const { doc } = await openConsent(url, fake)
    const response = await fake.handle(submit(doc, url, 'Deny'))
    expect(response.headers.get('location')).toBe(
      'https://app.example/callback?tab=calendar%20sync&lang=en&error=access_denied&state=pyas_s1#connected',
    )
  })

  it('should replace OAuth parameters already in redirectUrl instead of repeating them', async () => {
    const fake = createFakePyas({ redirectUrl: 'https://app.example/cb?state=old&code=old&x=1' })
    const location = new URL(await fake.decide(await oauthUrl(fake)))
    expect(location.searchParams.getAll('state')).toEqual(['pyas_s1'])
    expect(location.searchParams.getAll('code')).toHaveLength(1)
    expect(location.searchParams.get('x')).toBe('1')
  })

  it('should call a redirectUrl function with the request and resolve a relative result', async () => {
    const redirectUrl = vi.fn((request: Request) => `/return?from=${new URL(request.url).host}`)
    const fake = createFakePyas({ redirectUrl })
    const origin = 'http://127.0.0.1:5173/fake-pyas'
    const oauth = await fake.handle(
      new Request(`${origin}/zoom/oauth?state=pyas_z`, { headers: { 'x-api-key': 'k' } }),
    )
    const location = await fake.decide(((await oauth.json()) as { url: string }).url, 'deny')
    expect(redirectUrl).toHaveBeenCalledWith(expect.any(Request))
    expect(location).toBe(
      'http://127.0.0.1:5173/return?from=127.0.0.1:5173&error=access_denied&state=pyas_z',
    )
  })

  it('should also take the decision as a GET with the fields in the query', async () => {
    const fake = createFakePyas({ redirectUrl: 'https://app.example/' })
    const response = await fake.handle(
      new Request('https://api.pyas.io/consent/decision?provider=zoom&decision=allow&state=s'),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toMatch(/^https:\/\/app\.example\/\?code=.+&state=s$/)
  })

  it('should refuse an incomplete decision and a decide() on a URL that is not a consent URL', async () => {
    const fake = createFakePyas({ redirectUrl: REDIRECT })
    const response = await fake.handle(
      new Request('https://api.pyas.io/consent/decision?provider=zoom&decision=maybe'),
    )
    expect(response.status).toBe(400)
    await expect(fake.decide('https://api.pyas.io/google/oauth')).rejects.toThrow(
      /not a consent URL/,
    )
  })

  it('should not delay the consent page with latencyMs', async () => {
    vi.useFakeTimers()
    try {
      const fake = createFakePyas({ redirectUrl: REDIRECT, latencyMs: 60_000 })
      const response = await fake.handle(
        new Request('https://api.pyas.io/consent?provider=google&email=a@b.co'),
      )
      expect(response.status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })
})

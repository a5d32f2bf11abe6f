import { act, renderHook, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readAttempt } from '../../src/core/attempts.js'
import { type PyasEvent, usePyasConnect } from '../../src/index.js'
import { messages as en } from '../../src/locales/en.js'
import { account, makeWrapper, PROXY, setupFakeProxy } from './helpers.js'

const { server } = setupFakeProxy()

const base64url = (text: string) => Buffer.from(text).toString('base64url')
/** A token shaped like the proxy's (the browser never verifies the signature; the proxy does). */
const tokenOf = (claims: Record<string, unknown>) =>
  `${base64url(JSON.stringify({ v: 1, jti: 'j1', userId: 'u1', exp: 2e9, ...claims }))}.c2lnbmF0dXJl`
const TOKEN = tokenOf({ provider: 'google', email: 'link@example.com', name: 'Link User' })

/** Every proxy call with the `x-pyas-link` header it carried. */
let calls: Array<{ path: string; link: string | null }>
let consoleCalls: unknown[][]
beforeEach(() => {
  calls = []
  consoleCalls = []
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args) => {
      consoleCalls.push(args)
    })
  }
  server.use(
    http.get(`${PROXY}/:provider/oauth`, ({ request }) => {
      const url = new URL(request.url)
      calls.push({ path: url.pathname, link: request.headers.get('x-pyas-link') })
      return HttpResponse.json({
        success: true,
        url: `https://consent.example/?state=${url.searchParams.get('state')}`,
      })
    }),
    http.post(`${PROXY}/:provider/connect`, ({ request, params }) => {
      calls.push({ path: new URL(request.url).pathname, link: request.headers.get('x-pyas-link') })
      return HttpResponse.json({
        success: true,
        data: { account: account(String(params.provider)) },
      })
    }),
  )
})
afterEach(() => vi.restoreAllMocks())

/** Opens the page at `url`, then mounts a hook on it. */
function openAt(url: string, options: Parameters<typeof usePyasConnect>[0]) {
  window.history.replaceState(null, '', url)
  const events: PyasEvent[] = []
  const { Wrapper, navigate } = makeWrapper()
  const hook = renderHook(
    () => usePyasConnect({ ...options, onEvent: (event) => events.push(event) }),
    { wrapper: Wrapper },
  )
  return { ...hook, navigate, events }
}

const attempts = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('pyas:attempt:'))
    .map((key) => readAttempt(localStorage, key.slice('pyas:attempt:'.length)))

describe('a page opened from a connect link', () => {
  it('should clean the URL, send the token on both calls, take its defaults and never show it', async () => {
    const page = openAt(`/settings?tab=calendars&pyas_link=${TOKEN}#top`, { provider: 'google' })
    // Taken out of the address bar on mount, before any request; the rest of the URL stays.
    await waitFor(() => expect(window.location.search).toBe('?tab=calendars'))
    expect(window.location.hash).toBe('#top')
    expect(calls).toEqual([])

    await act(() => page.result.current.connect())
    expect(page.navigate).toHaveBeenCalledTimes(1)
    expect(calls).toEqual([{ path: '/api/pyas/google/oauth', link: TOKEN }])
    // The link's email and name are the connect's defaults, and its token is kept with the attempt.
    const [record] = attempts()
    expect(record).toMatchObject({ name: 'Link User', email: 'link@example.com', link: TOKEN })
    page.unmount()

    // Back from the provider: a new page load, whose URL no longer has the link.
    const back = openAt(`/settings?code=c0de&state=${record!.state}`, { provider: 'google' })
    await waitFor(() => expect(back.result.current.status).toBe('connected'))
    expect(calls[1]).toEqual({ path: '/api/pyas/google/connect', link: TOKEN })

    const seen = JSON.stringify([page.events, back.events, consoleCalls])
    expect(seen).not.toContain(TOKEN)
    expect(seen).not.toContain(TOKEN.split('.')[0])
  })

  it("should let the app's own email and name win over the link's", async () => {
    const page = openAt(`/?pyas_link=${TOKEN}`, {
      provider: 'google',
      name: 'Grace Hopper',
      email: 'grace@example.com',
    })
    await waitFor(() => expect(window.location.search).toBe(''))
    await act(() => page.result.current.connect())
    expect(attempts()[0]).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' })
    expect(calls[0]!.link).toBe(TOKEN)
  })

  it('should neither send nor use a link made for another provider', async () => {
    const page = openAt(`/?pyas_link=${tokenOf({ provider: 'microsoft', name: 'M' })}`, {
      provider: 'zoom',
      name: 'Ada',
    })
    await waitFor(() => expect(window.location.search).toBe(''))
    await act(() => page.result.current.connect())
    expect(calls).toEqual([{ path: '/api/pyas/zoom/oauth', link: null }])
    expect(attempts()[0]).toMatchObject({ name: 'Ada' })
    expect(attempts()[0]!.link).toBeUndefined()
  })

  it('should send a link with unreadable claims but take no defaults from it', async () => {
    const odd = `${base64url('not json')}.c2ln`
    const page = openAt(`/?pyas_link=${odd}`, { provider: 'zoom' })
    await waitFor(() => expect(window.location.search).toBe(''))
    await act(() => page.result.current.connect())
    // No name from anywhere: the connect fails on its input, before any request.
    expect(page.result.current.error?.code).toBe('invalid_request')
    await act(() => page.result.current.connect({ name: 'Ada' }))
    expect(calls).toEqual([{ path: '/api/pyas/zoom/oauth', link: odd }])
  })

  it('should drop a malformed token from the URL and never send it', async () => {
    const page = openAt('/?pyas_link=%3Cscript%3E.x&a=1', { provider: 'zoom', name: 'Ada' })
    await waitFor(() => expect(window.location.search).toBe('?a=1'))
    await act(() => page.result.current.connect())
    expect(calls).toEqual([{ path: '/api/pyas/zoom/oauth', link: null }])
  })

  it('should show link_invalid when the proxy refuses the link', async () => {
    server.use(
      http.get(`${PROXY}/:provider/oauth`, () =>
        HttpResponse.json({ error: 'link_invalid' }, { status: 403 }),
      ),
    )
    const page = openAt(`/?pyas_link=${TOKEN}`, { provider: 'google' })
    await waitFor(() => expect(window.location.search).toBe(''))
    await act(() => page.result.current.connect())
    expect(page.result.current.error?.code).toBe('link_invalid')
    expect(page.result.current.error?.message).toBe(en['error.link_invalid'])
    expect(page.navigate).not.toHaveBeenCalled()
    expect(JSON.stringify([page.events, consoleCalls])).not.toContain(TOKEN)
  })

  it('should send the link with a prefetch too', async () => {
    const page = openAt(`/?pyas_link=${TOKEN}`, { provider: 'google' })
    await waitFor(() => expect(window.location.search).toBe(''))
    act(() => page.result.current.prefetch())
    await waitFor(() => expect(calls).toHaveLength(1))
    await act(() => page.result.current.connect())
    expect(calls).toEqual([{ path: '/api/pyas/google/oauth', link: TOKEN }])
    expect(page.navigate).toHaveBeenCalledTimes(1)
  })
})

describe('the attempt record of a link connect', () => {
  it('should keep a well-formed token and drop any other value on read', () => {
    const save = (link: unknown) => {
      const record = { state: 'pyas_s', provider: 'google', name: 'A', mode: 'redirect' }
      localStorage.setItem('pyas:attempt:pyas_s', JSON.stringify({ ...record, createdAt: 1, link }))
      return readAttempt(localStorage, 'pyas_s')?.link
    }
    expect(save(TOKEN)).toBe(TOKEN)
    expect(save('a.b.c')).toBeUndefined()
    expect(save('<img>.x')).toBeUndefined()
    expect(save(`${'a'.repeat(2048)}.b`)).toBeUndefined()
    expect(save(42)).toBeUndefined()
  })
})

import { describe, expect, it, vi } from 'vitest'
import { fetchCalendars, normalizeCalendars, pyasCalendarsKey } from '../../src/core/calendars.js'
import { PyasConnectError } from '../../src/core/PyasConnectError.js'

// Entries as Google's calendarList.list returns them (through Pyas), trimmed of nothing.
const GOOGLE = {
  success: true,
  data: {
    calendars: [
      {
        kind: 'calendar#calendarListEntry',
        etag: '"1712345678901000"',
        id: 'en.usa#holiday@group.v.calendar.google.com',
        summary: 'Holidays in United States',
        description: 'Holidays and Observances in United States',
        timeZone: 'America/New_York',
        colorId: '8',
        backgroundColor: '#16a765',
        foregroundColor: '#000000',
        selected: true,
        accessRole: 'reader',
        defaultReminders: [],
        conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      },
      {
        kind: 'calendar#calendarListEntry',
        id: 'c_1b2e3f@group.calendar.google.com',
        summary: 'Team <b>rota</b>',
        timeZone: 'Europe/London',
        backgroundColor: '#9fe1e7',
        accessRole: 'writer',
      },
      {
        kind: 'calendar#calendarListEntry',
        id: 'ada@example.com',
        summary: 'ada@example.com',
        timeZone: 'Europe/London',
        backgroundColor: '#9a9cff',
        selected: true,
        accessRole: 'owner',
        primary: true,
      },
      {
        kind: 'calendar#calendarListEntry',
        id: 'boss@example.com',
        summary: 'boss@example.com',
        summaryOverride: 'Boss',
        backgroundColor: 'red; background: url(x)',
        accessRole: 'freeBusyReader',
      },
      { kind: 'calendar#calendarListEntry', summary: 'No id here', accessRole: 'owner' },
      { id: 42, summary: 'Numeric id', accessRole: 'owner' },
    ],
  },
}

// Graph's GET /me/calendars values (through Pyas).
const MICROSOFT = {
  success: true,
  data: {
    calendars: [
      {
        id: 'AAMkAGI2TGuLAAA=',
        name: 'United States holidays',
        color: 'auto',
        hexColor: '',
        isDefaultCalendar: false,
        changeKey: 'DxYSthXJXEWwAQSYQnXvIgAAIxGttg==',
        canShare: false,
        canViewPrivateItems: false,
        canEdit: false,
        allowedOnlineMeetingProviders: [],
        isTallyingResponses: false,
        isRemovable: true,
        owner: { name: 'Ada Lovelace', address: 'ada@contoso.com' },
      },
      {
        id: 'AAMkAGI2TGuLAAB=',
        name: 'Calendar',
        color: 'lightBlue',
        hexColor: '#0078d4',
        isDefaultCalendar: true,
        canEdit: true,
        owner: { name: 'Ada Lovelace', address: 'ada@contoso.com' },
      },
      {
        id: 'AAMkAGI2TGuLAAC=',
        name: 'Ábside shared',
        hexColor: '#a4262c',
        isDefaultCalendar: false,
        canEdit: true,
      },
      { name: 'Missing id', canEdit: true },
      null,
      'garbage',
    ],
  },
}

describe('normalizeCalendars', () => {
  it('should map Google entries, primary first then by name, dropping entries without an id', () => {
    expect(normalizeCalendars('google', GOOGLE)).toEqual([
      {
        id: 'ada@example.com',
        name: 'ada@example.com',
        primary: true,
        writable: true,
        color: '#9a9cff',
        timeZone: 'Europe/London',
      },
      // summaryOverride is the name the user gave it; an invalid colour is left out.
      { id: 'boss@example.com', name: 'Boss', primary: false, writable: false },
      {
        id: 'en.usa#holiday@group.v.calendar.google.com',
        name: 'Holidays in United States',
        primary: false,
        writable: false,
        color: '#16a765',
        timeZone: 'America/New_York',
      },
      {
        id: 'c_1b2e3f@group.calendar.google.com',
        name: 'Team <b>rota</b>',
        primary: false,
        writable: true,
        color: '#9fe1e7',
        timeZone: 'Europe/London',
      },
    ])
  })

  it('should map Graph calendars: isDefaultCalendar, canEdit and hexColor', () => {
    expect(normalizeCalendars('microsoft', MICROSOFT)).toEqual([
      { id: 'AAMkAGI2TGuLAAB=', name: 'Calendar', primary: true, writable: true, color: '#0078d4' },
      // Accents sort with their letter; an empty hexColor is no colour.
      {
        id: 'AAMkAGI2TGuLAAC=',
        name: 'Ábside shared',
        primary: false,
        writable: true,
        color: '#a4262c',
      },
      { id: 'AAMkAGI2TGuLAAA=', name: 'United States holidays', primary: false, writable: false },
    ])
  })

  it('should name a calendar without a name by its id and keep one entry per id', () => {
    const body = {
      data: {
        calendars: [
          { id: 'x', summary: '  ', accessRole: 'owner' },
          { id: 'x', summary: 'Again', accessRole: 'reader' },
        ],
      },
    }
    expect(normalizeCalendars('google', body)).toEqual([
      { id: 'x', name: 'x', primary: false, writable: true },
    ])
  })

  it.each([
    ['null', null],
    ['a string', 'calendars'],
    ['no data', { success: true }],
    ['calendars not an array', { success: true, data: { calendars: { id: 'a' } } }],
    ['an array body', [{ id: 'a' }]],
  ])('should not read %s (the request makes it a proxy_error)', (_, body) => {
    expect(normalizeCalendars('google', body)).toBeUndefined()
  })

  it('should accept an empty list', () => {
    expect(normalizeCalendars('microsoft', { data: { calendars: [] } })).toEqual([])
  })
})

describe('pyasCalendarsKey', () => {
  it('should be the documented query key', () => {
    expect(pyasCalendarsKey('google', 'acc-1')).toEqual(['pyas', 'calendars', 'google', 'acc-1'])
  })
})

describe('fetchCalendars', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    })

  it("should GET the proxy's calendars route with the client's headers and credentials", async () => {
    const fetch = vi.fn(async (..._: Parameters<typeof globalThis.fetch>) => json(200, MICROSOFT))
    const calendars = await fetchCalendars(
      {
        proxyUrl: 'https://app.example/api/pyas/',
        fetch,
        headers: async () => ({ 'x-csrf': 't' }),
        credentials: 'include',
      },
      'microsoft',
      'acc/1 &x',
    )
    expect(calendars).toHaveLength(3)
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('https://app.example/api/pyas/microsoft/calendars?accountId=acc%2F1+%26x')
    expect(init).toMatchObject({
      method: 'GET',
      credentials: 'include',
      headers: { accept: 'application/json', 'x-csrf': 't' },
    })
  })

  it.each([
    [401, { error: 'Unauthorized. Invalid API key.' }, 'unauthorized'],
    [403, { error: 'forbidden' }, 'forbidden'],
    [
      404,
      { success: false, error: 'Invalid account id. Account Not Found', code: 404 },
      'proxy_error',
    ],
    [
      400,
      { errors: [{ msg: 'Invalid value', param: 'accountId', location: 'query' }] },
      'invalid_request',
    ],
    [500, { error: 'boom' }, 'proxy_error'],
  ])('should map a %i to %s', async (status, body, code) => {
    const fetch = async () => json(status, body)
    const error = await fetchCalendars({ fetch }, 'google', 'a').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PyasConnectError)
    expect(error).toMatchObject({ code, status })
  })

  it('should tell the developer about a 404, without the accountId', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      // The proxy's own 404: no calendars route (no authorizeAccount).
      const fetch = async () => json(404, { error: 'not_found' })
      await expect(
        fetchCalendars({ fetch, proxyUrl: 'https://app.example/api/pyas' }, 'google', 'acc-secret'),
      ).rejects.toMatchObject({ code: 'proxy_error', status: 404 })
      expect(warn).toHaveBeenCalledTimes(1)
      const [hint] = warn.mock.calls[0] as [string]
      expect(hint).toContain('GET https://app.example/api/pyas/google/calendars answered 404')
      expect(hint).toContain('authorizeAccount')
      expect(hint).not.toContain('acc-secret')
    } finally {
      warn.mockRestore()
    }
  })

  it('should map a 429 with its Retry-After', async () => {
    const fetch = async () => json(429, { error: 'Rate limit exceeded' }, { 'retry-after': '12' })
    await expect(fetchCalendars({ fetch }, 'google', 'a')).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfter: 12,
    })
  })

  it('should make a 2xx without a calendars array a proxy_error', async () => {
    const fetch = async () => json(200, { success: true, data: {} })
    await expect(fetchCalendars({ fetch }, 'google', 'a')).rejects.toMatchObject({
      code: 'proxy_error',
      status: 200,
    })
    const html = async () => new Response('<html>', { status: 200 })
    await expect(fetchCalendars({ fetch: html }, 'google', 'a')).rejects.toMatchObject({
      code: 'proxy_error',
    })
  })

  it('should make a rejected fetch or a failing headers function a network error', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    await expect(fetchCalendars({ fetch }, 'google', 'a')).rejects.toMatchObject({
      code: 'network',
    })
    const headers = async (): Promise<Record<string, string>> => {
      throw new Error('no csrf')
    }
    await expect(
      fetchCalendars({ fetch: async () => json(200, GOOGLE), headers }, 'google', 'a'),
    ).rejects.toMatchObject({ code: 'network' })
  })
})

// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACCOUNT, API_KEY, close, listen } from './helpers.js'
import { send } from './nodeClient.js'

const SNIPPETS = new URL('./snippets/', import.meta.url)
const DOCS = new URL('../../docs/', import.meta.url)
/** Shown by the calendars and connect links pages, which keep their own page checks. */
const ELSEWHERE = ['app.ts', 'nextCalendarsRoute.ts', 'expressLinks.ts']
const OAUTH = '/api/pyas/google/oauth?email=ada%40example.com&state=pyas_abc'
const CONNECT = { code: 'auth-code', name: 'Ada' }
const WEBHOOK_SECRET = 'whsec_snippet_0123456789'
const LINK_SECRET = 'link_snippet_secret_0123456789abcdef'
const CALENDARS = { success: true, data: { calendars: [{ id: 'primary', summary: 'Ada' }] } }

/** A Pyas stand-in that checks the key, like the real one. */
let pyas: Awaited<ReturnType<typeof listen>>
const seen: { url: string; body: string }[] = []

beforeAll(async () => {
  pyas = await listen((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body })
      res.setHeader('content-type', 'application/json')
      if (req.headers['x-api-key'] !== API_KEY) {
        res.writeHead(401).end(JSON.stringify({ error: 'Unauthorized. Invalid API key.' }))
      } else if (req.url?.includes('/calendars?')) {
        res.end(JSON.stringify(CALENDARS))
      } else if (req.method === 'GET') {
        res.end(JSON.stringify({ success: true, url: 'https://accounts.example/consent' }))
      } else {
        const provider = req.url?.split('/')[1]
        res.end(JSON.stringify({ success: true, data: { account: { ...ACCOUNT, provider } } }))
      }
    })
  })
  vi.stubEnv('PYAS_API_KEY', API_KEY)
  vi.stubEnv('PYAS_BASE_URL', pyas.url)
  vi.stubEnv('PYAS_WEBHOOK_SECRET', WEBHOOK_SECRET)
  vi.stubEnv('PYAS_LINK_SECRET', LINK_SECRET)
  vi.stubEnv('APP_ORIGIN', 'https://app.example.com')
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await close(pyas.server)
})

async function start(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function connect(url: string, headers: Record<string, string> = {}) {
  return send(`${url}/api/pyas/zoom/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(CONNECT),
  })
}

/**
 * Through a framework's real server: a signed-out visitor refused, the signed-in user's GET and
 * POST, the account saved for that user on the server, and a fail-closed POST (415).
 */
async function expectRecipe(url: string, user: string) {
  const { saved } = await import('./snippets/app.js')
  const session = { cookie: `session=${user}` }
  expect((await send(`${url}${OAUTH}`)).status).toBe(403)
  expect((await connect(url)).json()).toEqual({ error: 'forbidden' })
  const oauth = await send(`${url}${OAUTH}`, { headers: session })
  expect(oauth.status).toBe(200)
  expect(oauth.json()).toEqual({ success: true, url: 'https://accounts.example/consent' })
  const connected = await connect(url, session)
  expect(connected.status).toBe(200)
  expect(connected.json()).toMatchObject({ data: { account: { provider: 'zoom' } } })
  expect(seen.at(-1)?.body).toBe(JSON.stringify(CONNECT))
  expect(saved.filter((row) => row.userId === user)).toEqual([
    { userId: user, accountId: ACCOUNT.accountId, provider: 'zoom' },
  ])
  const text = await connect(url, { ...session, 'content-type': 'text/plain' })
  expect(text.status).toBe(415)
  expect(text.json()).toEqual({ error: 'unsupported_media_type' })
}

describe('createPyasProxy docs snippets', () => {
  it('should serve a Next.js App Router route handler', async () => {
    const { GET, POST } = await import('./snippets/nextRouteHandler.js')
    const oauth = await GET(new Request(`http://localhost:3000${OAUTH}`))
    expect(oauth.status).toBe(200)
    expect(await oauth.json()).toEqual({ success: true, url: 'https://accounts.example/consent' })
    const connected = await POST(
      new Request('http://localhost:3000/api/pyas/microsoft/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CONNECT),
      }),
    )
    expect(connected.status).toBe(200)
    expect(await connected.json()).toMatchObject({ data: { account: { provider: 'microsoft' } } })
  })

  it('should load the Next.js route handler without the key, as `next build` does', async () => {
    vi.stubEnv('PYAS_API_KEY', '')
    vi.resetModules()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { GET } = await import('./snippets/nextRouteHandler.js')
      const response = await GET(new Request(`http://localhost:3000${OAUTH}`))
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ error: 'internal_error' })
      expect(error).toHaveBeenCalledOnce()
    } finally {
      error.mockRestore()
      vi.stubEnv('PYAS_API_KEY', API_KEY)
      vi.resetModules()
    }
  })

  it('should serve Express 5 under /api/pyas, after express.json()', async () => {
    const { app } = await import('./snippets/expressApp.js')
    const server = app.listen(0, '127.0.0.1')
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      await expectRecipe(url, 'express_user')
      expect((await send(`${url}/api/pyas/nope`)).json()).toEqual({ error: 'not_found' })
    } finally {
      await close(server)
    }
  })

  it('should serve plain node:http', async () => {
    const { server } = await import('./snippets/nodeHttpServer.js')
    try {
      const url = await start(server)
      await expectRecipe(url, 'http_user')
      expect((await send(`${url}/elsewhere`)).status).toBe(404)
    } finally {
      await close(server)
    }
  })

  it('should serve Fastify 5 with its JSON parser active', async () => {
    const { app } = await import('./snippets/fastifyApp.js')
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      await expectRecipe(url, 'fastify_user')
      // The proxy, not Fastify, answers a path under the mount that is not a route.
      expect((await send(`${url}/api/pyas/nope`)).json()).toEqual({ error: 'not_found' })
    } finally {
      await app.close()
    }
  })

  it('should serve Hono through @hono/node-server', async () => {
    vi.stubEnv('PORT', '0')
    vi.stubEnv('HOST', '127.0.0.1')
    const { server } = await import('./snippets/honoServer.js')
    try {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      await expectRecipe(url, 'hono_user')
      expect((await send(`${url}/api/pyas/nope`)).json()).toEqual({ error: 'not_found' })
    } finally {
      await close(server as Server)
    }
  })

  it('should authorize and save the account with the hooks snippet', async () => {
    const { GET, POST } = await import('./snippets/withHooks.js')
    const { saved } = await import('./snippets/app.js')
    const headers = { origin: 'https://app.example.com', cookie: 'session=user_1' }
    expect((await GET(new Request(`https://app.example.com${OAUTH}`))).status).toBe(403)
    expect((await GET(new Request(`https://app.example.com${OAUTH}`, { headers }))).status).toBe(
      200,
    )
    const request = new Request('https://app.example.com/api/pyas/google/connect', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(CONNECT),
    })
    expect((await POST(request)).status).toBe(200)
    expect(saved).toContainEqual({
      userId: 'user_1',
      accountId: ACCOUNT.accountId,
      provider: 'google',
    })
  })

  it('should receive webhooks with the Next.js route handler snippet', async () => {
    const { POST } = await import('./snippets/nextWebhookRoute.js')
    const { changes } = await import('./snippets/app.js')
    changes.length = 0
    const hook = (token: string, event: string) =>
      POST(
        new Request(`https://app.example.com/api/webhooks/pyas?token=${token}`, {
          method: 'POST',
          headers: {
            'x-pyas-account-id': 'acc_9',
            'x-pyas-webhook-event': event,
            'x-provider': 'Google',
          },
        }),
      )
    expect((await hook('wrong-token', 'account.inactive')).status).toBe(401)
    expect((await hook(WEBHOOK_SECRET, 'account.inactive')).status).toBe(204)
    // The same delivery again (Pyas retries): the same state, not a second change.
    expect((await hook(WEBHOOK_SECRET, 'account.inactive')).status).toBe(204)
    expect((await hook(WEBHOOK_SECRET, 'account.deleted')).status).toBe(204)
    expect(changes).toEqual(['acc_9 inactive', 'acc_9 inactive', 'acc_9 deleted'])
  })

  it('should receive webhooks with the Express snippet', async () => {
    const { app } = await import('./snippets/expressWebhooks.js')
    const { changes } = await import('./snippets/app.js')
    changes.length = 0
    const server = app.listen(0, '127.0.0.1')
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/pyas`
      const headers = {
        'x-pyas-account-id': 'acc_9',
        'x-pyas-webhook-event': 'events.updated',
        'x-provider': 'Microsoft',
        'content-type': 'application/json',
      }
      const body = JSON.stringify({ events: [{ calendarId: 'c1', eventId: 'e1' }] })
      expect((await send(`${url}?token=${WEBHOOK_SECRET}`, { method: 'GET' })).status).toBe(405)
      expect((await send(`${url}?token=nope`, { method: 'POST', headers, body })).status).toBe(401)
      const accepted = await send(`${url}?token=${WEBHOOK_SECRET}`, {
        method: 'POST',
        headers,
        body,
      })
      expect(accepted.status).toBe(204)
      expect(changes).toEqual(['acc_9 changed e1'])
    } finally {
      await close(server)
    }
  })

  it('should list calendars only for the owner with the Next.js calendars snippet', async () => {
    const { GET, POST } = await import('./snippets/nextCalendarsRoute.js')
    const as = (userId: string) => ({ cookie: `session=${userId}` })
    const connected = await POST(
      new Request('https://app.example.com/api/pyas/microsoft/connect', {
        method: 'POST',
        headers: { ...as('cal_owner'), 'content-type': 'application/json' },
        body: JSON.stringify(CONNECT),
      }),
    )
    expect(connected.status).toBe(200)
    const calendars = (userId: string) =>
      GET(
        new Request(
          `https://app.example.com/api/pyas/microsoft/calendars?accountId=${ACCOUNT.accountId}`,
          { headers: as(userId) },
        ),
      )
    const own = await calendars('cal_owner')
    expect(own.status).toBe(200)
    expect(await own.json()).toEqual(CALENDARS)
    expect(seen.at(-1)?.url).toBe(`/microsoft/calendars?accountId=${ACCOUNT.accountId}`)
    const foreign = await calendars('cal_stranger')
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toEqual({ error: 'forbidden' })
  })

  it('should connect through a link once with the Express links snippet', async () => {
    const { app, connectLinks } = await import('./snippets/expressLinks.js')
    const { saved } = await import('./snippets/app.js')
    const server = app.listen(0, '127.0.0.1')
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const made = await send(`${url}/api/pyas/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=link_user' },
        body: JSON.stringify({ provider: 'zoom' }),
      })
      expect(made.status).toBe(200)
      const link = (made.json() as { url: string }).url
      expect(link).toMatch(/^https:\/\/app\.example\.com\/settings\/calendars\?pyas_link=/)
      const token = new URL(link).searchParams.get('pyas_link') ?? ''
      expect(connectLinks.verify(token)).toMatchObject({ userId: 'link_user', provider: 'zoom' })
      // Another browser, no session: the link is the authorization, once.
      const first = await connect(url, { 'x-pyas-link': token })
      expect(first.status).toBe(200)
      expect(saved.at(-1)).toEqual({
        userId: 'link_user',
        accountId: ACCOUNT.accountId,
        provider: 'zoom',
      })
      const second = await connect(url, { 'x-pyas-link': token })
      expect(second.status).toBe(403)
      expect(second.json()).toEqual({ error: 'link_invalid' })
      const signedOut = await send(`${url}/api/pyas/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect(signedOut.status).toBe(403)
    } finally {
      await close(server)
    }
  })

  it('should serve a Next.js Pages Router API route, Next having parsed the body', async () => {
    const handler = (await import('./snippets/nextPagesRoute.js')).default
    // What Next's default bodyParser does before the route runs: req.body is the parsed JSON.
    const server = createServer((req, res) => {
      let raw = ''
      req.on('data', (chunk) => {
        raw += chunk
      })
      req.on('end', () => {
        const parsed =
          req.headers['content-type'] === 'application/json' && raw ? JSON.parse(raw) : raw
        handler(Object.assign(req, { body: parsed }), res)
      })
    })
    try {
      await expectRecipe(await start(server), 'pages_user')
    } finally {
      await close(server)
    }
  })

  it('should serve a React Router resource route: GETs through the loader, POSTs the action', async () => {
    const { loader, action } = await import('./snippets/reactRouterRoute.js')
    const session = { cookie: 'session=rr_user' }
    expect((await loader({ request: new Request(`http://localhost:3000${OAUTH}`) })).status).toBe(
      403,
    )
    const oauth = await loader({
      request: new Request(`http://localhost:3000${OAUTH}`, { headers: session }),
    })
    expect(oauth.status).toBe(200)
    const connected = await action({
      request: new Request('http://localhost:3000/api/pyas/google/connect', {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify(CONNECT),
      }),
    })
    expect(connected.status).toBe(200)
    const { saved } = await import('./snippets/app.js')
    expect(saved).toContainEqual({
      userId: 'rr_user',
      accountId: ACCOUNT.accountId,
      provider: 'google',
    })
  })

  it('should have every snippet shown on a docs page', () => {
    const shown = new Set(
      pages(DOCS).flatMap((page) =>
        [
          ...readFileSync(page, 'utf8').matchAll(/^@snippet\(test\/server\/snippets\/([^)]+)\)$/gm),
        ].map((match) => match[1]),
      ),
    )
    const files = readdirSync(SNIPPETS).filter((file) => !ELSEWHERE.includes(file))
    expect(files.length).toBeGreaterThanOrEqual(12)
    for (const file of files) expect(shown, file).toContain(file)
  })
})

/** The docs site's Markdown pages, the generated API reference left out. */
function pages(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || entry.name === 'api'
        ? []
        : pages(new URL(`${entry.name}/`, dir))
    }
    return entry.name.endsWith('.md') ? [new URL(entry.name, dir)] : []
  })
}

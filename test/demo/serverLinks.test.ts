// @vitest-environment node
// Connect links in the demo server as `npm start` runs it (a spawned process): POST /api/pyas/links
// for the signed-in user only, signed with PYAS_LINK_SECRET, naming the user's public id (never the
// session id the cookie carries), landing on the demo page; a link signed with another secret is
// refused; no token in the server's output.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectLinks } from '../../src/server/index.js'

const SERVER = fileURLToPath(new URL('../../demo/server.mjs', import.meta.url))
const LINK_SECRET = 'demo_link_secret_for_the_test_0123456789'

let child: ChildProcess | undefined
let dataParent = ''
let base = ''
let output = ''

beforeAll(async () => {
  dataParent = await mkdtemp(join(tmpdir(), 'pyas-demo-links-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYAS_LINK_SECRET: LINK_SECRET,
    DEMO_DATA_DIR: join(dataParent, 'pglite'),
  }
  delete env.PYAS_API_KEY
  delete env.PYAS_BASE_URL
  delete env.DATABASE_URL
  const started = spawn(process.execPath, [SERVER, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /Demo ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    started.stdout?.on('data', onData)
    started.stderr?.on('data', onData)
    started.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`demo exited ${code}:\n${output}`))
    })
  })
}, 90_000)

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await rm(dataParent, { recursive: true, force: true })
})

const postLinks = (headers: Record<string, string> = {}) =>
  fetch(`${base}api/pyas/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base.slice(0, -1), ...headers },
    body: JSON.stringify({ provider: 'google' }),
  })

describe('demo server connect links', () => {
  it('should refuse a link to a signed-out visitor', async () => {
    const answer = await postLinks()
    expect(answer.status).toBe(401)
    expect(await answer.json()).toEqual({ error: 'unauthorized' })
  })

  it('should make a link for the signed-in user, by public id, with PYAS_LINK_SECRET', async () => {
    const session = await fetch(`${base}api/session`)
    const cookie = session.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ')
    const sessionId = /acme_session=([^;]+)/.exec(cookie)?.[1] ?? ''
    expect(sessionId).not.toBe('')
    const answer = await postLinks({ cookie })
    expect(answer.status).toBe(200)
    const { url } = (await answer.json()) as { url: string }
    expect(url.startsWith(`${base}?pyas_link=`)).toBe(true)
    const token = new URL(url).searchParams.get('pyas_link') ?? ''
    const links = createConnectLinks({ secret: LINK_SECRET, url: base })
    const claims = links.verify(token)
    expect(claims).toMatchObject({ provider: 'google' })
    expect(claims?.userId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).not.toContain(sessionId)
    // The same user gets the same id in every link.
    const again = (await (await postLinks({ cookie })).json()) as { url: string }
    expect(links.verify(new URL(again.url).searchParams.get('pyas_link'))?.userId).toBe(
      claims?.userId,
    )
    expect(output).not.toContain(token.split('.')[1])
  })

  it('should refuse a link signed with another secret', async () => {
    const forged = createConnectLinks({ secret: `${LINK_SECRET}_other`, url: base })
    const token = new URL(await forged.create({ userId: 'anyone' })).searchParams.get('pyas_link')
    const answer = await fetch(`${base}api/pyas/google/connect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: base.slice(0, -1),
        'x-pyas-link': token ?? '',
      },
      body: JSON.stringify({ code: 'code', name: 'Ada' }),
    })
    expect(answer.status).toBe(403)
    expect(await answer.json()).toEqual({ error: 'link_invalid' })
  })
})

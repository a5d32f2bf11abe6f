// @vitest-environment node
// The demo server as `npm start` runs it (a spawned process, Vite dev server, PGlite on disk): what its dev server
// refuses to serve, a simulated revoke scoped to the user who clicked it, and malformed ids.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SERVER = fileURLToPath(new URL('../../demo/server.mjs', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Where the default data folder lives (inside the repository, git-ignored), so the test shows
// that even there the dev server does not hand it out.
const DATA_PARENT = `${REPO_ROOT}.demo-data/test-${randomBytes(6).toString('hex')}`
const DATA_DIR = `${DATA_PARENT}/pglite`

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw node:http call: the path goes out exactly as written (no URL normalisation). */
function call(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer for ${path}`)))
    req.on('error', reject)
    req.end(options.body)
  })
}

let child: ChildProcess | undefined
let port = 0
let base = ''

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYAS_DEMO_FAKE_KEY: 'server_test_key_123',
    DEMO_DATA_DIR: DATA_DIR,
  }
  delete env.PYAS_API_KEY
  delete env.PYAS_BASE_URL
  delete env.DATABASE_URL
  const started = spawn(process.execPath, [SERVER, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  let output = ''
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /Demo ready at (http:\/\/127\.0\.0\.1:(\d+))\//.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        port = Number(match[2])
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
  await rm(DATA_PARENT, { recursive: true, force: true })
})

describe('demo dev server files', () => {
  it('should refuse to start with its data folder where the dev server serves files', async () => {
    const inServed = `${REPO_ROOT}demo/.data-${randomBytes(4).toString('hex')}`
    const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DATA_DIR: inServed }
    delete env.PYAS_API_KEY
    delete env.DATABASE_URL
    const refused = spawn(process.execPath, [SERVER, '--port', '0'], { env })
    let stderr = ''
    refused.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    const [code] = (await once(refused, 'exit')) as [number | null]
    expect(code).toBe(1)
    expect(stderr).toContain('DEMO_DATA_DIR')
    expect(existsSync(inServed)).toBe(false)
  }, 30_000)

  it('should serve the library sources the app imports through /@fs/', async () => {
    const source = await call(`/@fs${REPO_ROOT}src/index.ts`)
    expect(source.status).toBe(200)
  })

  it('should refuse the data folder (its rows name session ids) and the rest of the repository', async () => {
    const file = `${DATA_DIR}/PG_VERSION`
    expect(existsSync(file)).toBe(true)
    for (const path of [
      `/@fs${file}`,
      `/@fs${REPO_ROOT}src/../.demo-data/${DATA_PARENT.split('/').at(-1)}/pglite/PG_VERSION`,
      `/@fs${REPO_ROOT}package.json`,
      `/@fs${REPO_ROOT}.gitignore`,
    ]) {
      const answer = await call(path)
      expect(answer.status, path).toBe(403)
      expect(answer.body, path).not.toMatch(/^\d+\s*$/)
    }
  })
})

/** A new demo user: the session cookie to send. */
async function signIn(): Promise<string> {
  const session = await call('/api/session')
  expect(session.status).toBe(200)
  const cookies = session.headers['set-cookie'] as string[]
  return cookies.map((line) => line.split(';')[0]).join('; ')
}

/** Connects `email`'s Google account for the user through the proxy and the fake's consent page. */
async function connectGoogle(cookie: string, email: string): Promise<string> {
  const query = new URLSearchParams({ email, state: `pyas_${randomBytes(8).toString('hex')}` })
  const oauth = await call(`/api/pyas/google/oauth?${query}`, { headers: { cookie } })
  expect(oauth.status).toBe(200)
  const consentUrl = new URL((JSON.parse(oauth.body) as { url: string }).url)
  const page = await call(`${consentUrl.pathname}${consentUrl.search}`)
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page.body)
  expect(form?.[1]).toBeDefined()
  const fields = new URLSearchParams()
  for (const input of (form?.[2] ?? '').matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
    if (input[1] !== 'decision') fields.append(input[1] as string, input[2] as string)
  }
  fields.set('decision', 'allow')
  const decided = await call(form?.[1] as string, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  })
  expect(decided.status).toBe(303)
  const code = new URL(decided.headers.location as string).searchParams.get('code')
  const connected = await call('/api/pyas/google/connect', {
    method: 'POST',
    headers: { cookie, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: 'Demo user' }),
  })
  expect(connected.status, connected.body).toBe(200)
  return (JSON.parse(connected.body) as { data: { account: { accountId: string } } }).data.account
    .accountId
}

async function statuses(cookie: string): Promise<Record<string, string>> {
  const list = await call('/api/accounts', { headers: { cookie } })
  const { accounts } = JSON.parse(list.body) as {
    accounts: Array<{ accountId: string; status: string }>
  }
  return Object.fromEntries(accounts.map((account) => [account.accountId, account.status]))
}

describe('demo: Revoke access (simulate)', () => {
  it('should change only the signed-in user’s row, though both users share the account', async () => {
    const ada = await signIn()
    const grace = await signIn()
    const adaAccount = await connectGoogle(ada, 'shared@example.com')
    const graceAccount = await connectGoogle(grace, 'shared@example.com')
    // The fake gives one email one account, whoever connects it: the two rows share the id.
    expect(graceAccount).toBe(adaAccount)

    const revoke = (cookie: string) =>
      call(`/api/demo/accounts/${encodeURIComponent(adaAccount)}/revoke`, {
        method: 'POST',
        headers: { cookie, origin: base },
      })
    expect((await revoke(ada)).status).toBe(204)
    expect(await statuses(ada)).toEqual({ [adaAccount]: 'inactive' })
    expect(await statuses(grace)).toEqual({ [adaAccount]: 'active' })

    // Grace's own revoke still works, though the fake's account is already inactive.
    expect((await revoke(grace)).status).toBe(204)
    expect(await statuses(grace)).toEqual({ [adaAccount]: 'inactive' })
  })
})

describe('demo API: malformed ids', () => {
  it('should answer 400, not 500, for an id that is not a valid URL escape', async () => {
    const cookie = await signIn()
    const headers = { cookie, origin: base }
    for (const id of ['%E0%A4', '%ZZ', '%', `acc${'x'.repeat(300)}`, 'acc%00']) {
      const revoke = await call(`/api/demo/accounts/${id}/revoke`, { method: 'POST', headers })
      expect(revoke.status, id).toBe(400)
      expect(JSON.parse(revoke.body)).toEqual({ error: 'invalid_request' })
      const remove = await call(`/api/accounts/${id}`, { method: 'DELETE', headers })
      expect(remove.status, id).toBe(400)
    }
  })
})

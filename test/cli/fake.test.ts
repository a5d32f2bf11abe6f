// @vitest-environment node
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../server/nodeClient.js'
import { killAll, type RunningBin, runBin, startBin } from './bin.js'
import { BIN } from './buildBin.js'

const ORIGIN = 'http://localhost:3000'
afterAll(() => killAll())

/** The Allow/Deny form of a consent page: where it posts, and its hidden fields. */
function consentForm(html: string): { action: string; fields: URLSearchParams } {
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html)
  if (!form?.[1] || form[2] === undefined) throw new Error(`no Allow/Deny form in:\n${html}`)
  const fields = new URLSearchParams()
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.append(input[1] as string, (input[2] as string).replace(/&amp;/g, '&'))
  }
  return { action: form[1], fields }
}

async function consent(bin: RunningBin, provider: string, email: string, state: string) {
  const query = new URLSearchParams({ email, state, name: 'Ada' })
  const oauth = await send(`${bin.url}/api/pyas/${provider}/oauth?${query}`)
  expect(oauth.status).toBe(200)
  const consentUrl = new URL((oauth.json() as { url: string }).url)
  // On the origin the browser used, under the proxy's mount: one reverse-proxy block serves both.
  expect(consentUrl.origin).toBe(bin.url)
  expect(consentUrl.pathname).toBe('/api/pyas/fake-pyas/consent')
  const page = await send(consentUrl.href)
  expect(page.status).toBe(200)
  expect(page.headers['content-type']).toMatch(/^text\/html/)
  expect(page.body).toContain('>Allow</button>')
  expect(page.body).toContain('>Deny</button>')
  return consentForm(page.body)
}

async function decide(bin: RunningBin, form: ReturnType<typeof consentForm>, decision: string) {
  const fields = new URLSearchParams(form.fields)
  fields.set('decision', decision)
  const answer = await send(`${bin.url}${form.action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  })
  expect(answer.status).toBe(303)
  return new URL(answer.headers.location as string, bin.url)
}

describe('pyas-proxy --fake', () => {
  let bin: RunningBin
  beforeAll(async () => {
    bin = await startBin({ PYAS_FAKE_REDIRECT_URL: '/settings', PYAS_ALLOWED_ORIGINS: ORIGIN }, [
      '--fake',
    ])
  })
  afterAll(async () => {
    expect(await bin.stop()).toBe(0)
  })

  it('should say on start-up that a fake Pyas answers, and where its consent page is', () => {
    const notice = bin.diagnostics().find((line) => String(line.msg).startsWith('--fake:'))
    expect(notice?.level).toBe('warn')
    expect(notice?.msg).toContain('/api/pyas/fake-pyas/consent')
    expect(notice?.msg).toContain('development only')
  })

  it('should run the whole round trip offline: oauth, consent page, Allow, connect', async () => {
    const form = await consent(bin, 'google', 'ada@example.com', 'pyas_state_1')
    expect(form.action).toBe('/api/pyas/fake-pyas/consent/decision')
    const back = await decide(bin, form, 'allow')
    expect(back.origin).toBe(bin.url)
    expect(back.pathname).toBe('/settings')
    expect(back.searchParams.get('state')).toBe('pyas_state_1')
    const code = back.searchParams.get('code')
    expect(code).toBeTruthy()

    const connect = (origin: string) =>
      send(`${bin.url}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ code, name: 'Ada' }),
      })
    // Every check of the proxy still runs in front of the fake.
    expect((await connect('https://evil.example')).status).toBe(403)
    const connected = await connect(ORIGIN)
    expect(connected.status).toBe(200)
    expect(connected.json()).toMatchObject({
      success: true,
      data: {
        account: {
          provider: 'google',
          email: 'ada@example.com',
          name: 'Ada',
          status: 'active',
          accountId: expect.any(String),
        },
      },
    })
    // Single-use codes, as Pyas.
    const again = await connect(ORIGIN)
    expect(again.status).toBe(400)
    expect(again.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('should send the user back with error=access_denied on Deny', async () => {
    const form = await consent(bin, 'microsoft', 'grace@example.com', 'pyas_state_2')
    const back = await decide(bin, form, 'deny')
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('pyas_state_2')
    expect(back.searchParams.has('code')).toBe(false)
  })

  it('should build the consent URL on the host the browser used', async () => {
    const oauth = await send(`${bin.url}/api/pyas/zoom/oauth?state=pyas_s3`, {
      headers: { host: 'app.example:8443' },
    })
    expect(oauth.status).toBe(200)
    expect((oauth.json() as { url: string }).url).toMatch(
      /^http:\/\/app\.example:8443\/api\/pyas\/fake-pyas\/consent\?/,
    )
  })

  it('should serve nothing else of the fake: its API stays behind the proxy', async () => {
    // The proxy answers this path (not a route of its own): the fake's oauth is never reached.
    const direct = await send(`${bin.url}/api/pyas/fake-pyas/google/oauth?state=x`)
    expect(direct.status).toBeGreaterThanOrEqual(400)
    expect(direct.status).toBeLessThan(500)
    expect(direct.body).not.toContain('/consent')
    expect((await send(`${bin.url}/healthz`)).status).toBe(200)
  })

  it('should never log the fake key', () => {
    expect(`${bin.stdout()}${bin.stderr()}`).not.toMatch(/pyas_fake_/)
  })
})

describe('pyas-proxy --fake refusals and --check', () => {
  it('should refuse to start with NODE_ENV=production (exit 2, one clear line)', async () => {
    for (const args of [['--fake'], ['--fake', '--check']]) {
      const result = await runBin({ NODE_ENV: 'production', PORT: '0' }, args)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^pyas-proxy: NODE_ENV is production: --fake .*\n$/)
      expect(result.stdout).toBe('')
    }
  })

  it('should validate the rest of the environment with --check, with no key needed', async () => {
    const ok = await runBin({ PYAS_API_KEY: 'ignored-key-0123456789' }, ['--fake', '--check'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^pyas-proxy: configuration ok /)
    expect(ok.stderr).toContain('--fake: offline')
    expect(ok.stderr).toContain('PYAS_API_KEY ignored')
    expect(ok.stderr).not.toContain('ignored-key-0123456789')

    const badPort = await runBin({ PORT: 'eighty' }, ['--fake', '--check'])
    expect(badPort.code).toBe(2)
    expect(badPort.stderr).toMatch(/^pyas-proxy: PORT /)

    const badRedirect = await runBin({ PYAS_FAKE_REDIRECT_URL: 'javascript:alert(1)' }, [
      '--fake',
      '--check',
    ])
    expect(badRedirect.code).toBe(2)
    expect(badRedirect.stderr).toMatch(/^pyas-proxy: PYAS_FAKE_REDIRECT_URL /)
  })

  it('should ship the fake in the bin without msw', () => {
    // Every module the built bin loads, followed through its static and dynamic imports.
    const seen = new Set<string>()
    const specifiers: string[] = []
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      for (const match of code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        const specifier = match[1] as string
        specifiers.push(specifier)
        if (specifier.startsWith('.')) visit(join(dirname(file), specifier))
      }
    }
    visit(BIN)
    expect([...seen].some((file) => file.endsWith('testing/createFakePyas.js'))).toBe(true)
    expect(specifiers.filter((specifier) => !specifier.startsWith('.'))).toSatisfy(
      (external: string[]) => external.every((name) => name.startsWith('node:')),
    )
  })
})

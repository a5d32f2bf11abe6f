// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_KEY, FORWARD_SECRET, LINK_SECRET, runBin, WEBHOOK_SECRET } from './bin.js'

const dir = mkdtempSync(join(tmpdir(), 'pyas-proxy-config-'))
const keyFile = join(dir, 'key')
writeFileSync(keyFile, `${API_KEY}\n`)
const emptyFile = join(dir, 'empty')
writeFileSync(emptyFile, '\n')

const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['no key at all', {}, 'PYAS_API_KEY', /is required/],
  ['an empty key', { PYAS_API_KEY: '  ' }, 'PYAS_API_KEY', /is required/],
  [
    'a key file that does not exist',
    { PYAS_API_KEY_FILE: join(dir, 'nope') },
    'PYAS_API_KEY_FILE',
    /cannot be read \(ENOENT\)/,
  ],
  ['an empty key file', { PYAS_API_KEY_FILE: emptyFile }, 'PYAS_API_KEY_FILE', /is empty/],
  [
    'both a key and a key file',
    { PYAS_API_KEY: API_KEY, PYAS_API_KEY_FILE: keyFile },
    'PYAS_API_KEY_FILE',
    /set only one/,
  ],
  [
    'a base URL that is not a URL',
    { PYAS_BASE_URL: 'api.pyas.io' },
    'PYAS_BASE_URL',
    /absolute http/,
  ],
  [
    'a base URL with a query',
    { PYAS_BASE_URL: 'https://api.pyas.io/?x=1' },
    'PYAS_BASE_URL',
    /query/,
  ],
  [
    'an origin with a path',
    { PYAS_ALLOWED_ORIGINS: 'https://app.example.com/app' },
    'PYAS_ALLOWED_ORIGINS',
    /not an origin/,
  ],
  [
    'an origin that is not an origin',
    { PYAS_ALLOWED_ORIGINS: 'https://ok.example,app.example.com' },
    'PYAS_ALLOWED_ORIGINS',
    /"app\.example\.com", which is not an origin/,
  ],
  ['a wildcard origin', { PYAS_ALLOWED_ORIGINS: '*' }, 'PYAS_ALLOWED_ORIGINS', /not an origin/],
  [
    'an origin list of only commas',
    { PYAS_ALLOWED_ORIGINS: ',,' },
    'PYAS_ALLOWED_ORIGINS',
    /lists nothing/,
  ],
  [
    'an unknown provider',
    { PYAS_PROVIDERS: 'google,yahoo' },
    'PYAS_PROVIDERS',
    /"yahoo", which is not a provider/,
  ],
  ['a timeout with a unit', { PYAS_TIMEOUT_MS: '10s' }, 'PYAS_TIMEOUT_MS', /whole number/],
  ['a zero timeout', { PYAS_TIMEOUT_MS: '0' }, 'PYAS_TIMEOUT_MS', /from 1 to/],
  ['a negative body limit', { PYAS_MAX_BODY_BYTES: '-1' }, 'PYAS_MAX_BODY_BYTES', /whole number/],
  ['a non-numeric port', { PORT: 'http' }, 'PORT', /whole number from 0 to 65535, got "http"/],
  ['a port out of range', { PORT: '65536' }, 'PORT', /from 0 to 65535/],
  ['a host with a scheme', { HOST: 'http://0.0.0.0' }, 'HOST', /host name or an IP address/],
  [
    'a mount path without a slash',
    { PYAS_MOUNT_PATH: 'api/pyas' },
    'PYAS_MOUNT_PATH',
    /must be a path/,
  ],
  ['a mount path with a query', { PYAS_MOUNT_PATH: '/api?x' }, 'PYAS_MOUNT_PATH', /must be a path/],
  ['a mount path at /healthz', { PYAS_MOUNT_PATH: '/healthz/' }, 'PYAS_MOUNT_PATH', /health check/],
  [
    'a webhook secret under 16 characters',
    { PYAS_WEBHOOK_SECRET: 'short-secret' },
    'PYAS_WEBHOOK_SECRET',
    /at least 16 characters \(it has 12\)/,
  ],
  [
    'a webhook path without a secret',
    { PYAS_WEBHOOK_PATH: '/hooks/pyas' },
    'PYAS_WEBHOOK_SECRET',
    /required when PYAS_WEBHOOK_PATH/,
  ],
  [
    'a webhook path equal to the mount path',
    { PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET, PYAS_WEBHOOK_PATH: '/api/pyas' },
    'PYAS_WEBHOOK_PATH',
    /must differ/,
  ],
  [
    'a webhook path with dot segments',
    { PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET, PYAS_WEBHOOK_PATH: '/a/../b' },
    'PYAS_WEBHOOK_PATH',
    /dot segments/,
  ],
  [
    'an authorize URL that is not http(s)',
    { PYAS_AUTHORIZE_URL: 'ftp://auth.example/check' },
    'PYAS_AUTHORIZE_URL',
    /absolute http/,
  ],
  [
    'a forward URL without a secret',
    { PYAS_FORWARD_URL: 'http://127.0.0.1:9/pyas' },
    'PYAS_FORWARD_SECRET',
    /required when PYAS_FORWARD_URL/,
  ],
  [
    'a forward secret without a URL',
    { PYAS_FORWARD_SECRET: FORWARD_SECRET },
    'PYAS_FORWARD_URL',
    /required when PYAS_FORWARD_SECRET/,
  ],
  [
    'a forward secret under 16 characters',
    { PYAS_FORWARD_URL: 'http://127.0.0.1:9/', PYAS_FORWARD_SECRET: 'x'.repeat(15) },
    'PYAS_FORWARD_SECRET',
    /at least 16/,
  ],
  [
    'a forward URL that is not a URL',
    { PYAS_FORWARD_URL: 'receiver:8000', PYAS_FORWARD_SECRET: FORWARD_SECRET },
    'PYAS_FORWARD_URL',
    /absolute http/,
  ],
  [
    'a link secret under 32 characters',
    { PYAS_LINK_SECRET: 'l'.repeat(31), PYAS_LINK_URL: 'https://app.example/connect' },
    'PYAS_LINK_SECRET',
    /at least 32/,
  ],
  [
    'a link secret without a link URL',
    { PYAS_LINK_SECRET: LINK_SECRET },
    'PYAS_LINK_URL',
    /required when PYAS_LINK_SECRET/,
  ],
  [
    'a link URL without a link secret',
    { PYAS_LINK_URL: 'https://app.example/connect' },
    'PYAS_LINK_SECRET',
    /required when PYAS_LINK_URL/,
  ],
  [
    'a link URL that is not a URL',
    { PYAS_LINK_SECRET: LINK_SECRET, PYAS_LINK_URL: '/connect' },
    'PYAS_LINK_URL',
    /absolute http/,
  ],
  ...(
    [
      ['PYAS_BASE_URL', {}],
      ['PYAS_AUTHORIZE_URL', {}],
      ['PYAS_LINK_URL', { PYAS_LINK_SECRET: LINK_SECRET }],
      ['PYAS_FORWARD_URL', { PYAS_FORWARD_SECRET: FORWARD_SECRET }],
    ] as const
  ).map(([variable, extra]): [string, Record<string, string>, string, RegExp] => [
    `a ${variable} with credentials`,
    { [variable]: 'https://admin:short-secret@app.example/x', ...extra },
    variable,
    /must not carry credentials/,
  ]),
]

describe('pyas-proxy configuration', () => {
  it.each(BAD)(
    'should exit 2 before listening for %s, naming %s',
    async (_, env, variable, message) => {
      const withKey =
        'PYAS_API_KEY' in env || 'PYAS_API_KEY_FILE' in env || variable === 'PYAS_API_KEY'
      // No --check: the bin would otherwise listen (and runBin would time out).
      const result = await runBin(withKey ? env : { PYAS_API_KEY: API_KEY, ...env })
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      const stderr = result.stderr.trimEnd().split('\n')
      expect(stderr).toHaveLength(1)
      expect(stderr[0]).toMatch(new RegExp(`^pyas-proxy: ${variable} `))
      expect(stderr[0]).toMatch(message)
      for (const secret of [
        API_KEY,
        WEBHOOK_SECRET,
        FORWARD_SECRET,
        LINK_SECRET,
        'short-secret',
        'x'.repeat(15),
        'l'.repeat(31),
      ]) {
        expect(result.stderr).not.toContain(secret)
      }
    },
  )

  it('should refuse a URL with credentials with --check too', async () => {
    const env = { PYAS_API_KEY: API_KEY, PYAS_AUTHORIZE_URL: 'http://me:short-secret@app/me' }
    const result = await runBin(env, ['--check'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^pyas-proxy: PYAS_AUTHORIZE_URL must not carry credentials/)
    expect(result.stderr).not.toContain('short-secret')
  })

  it('should say so with --check too, with the same exit code', async () => {
    const result = await runBin({ PYAS_API_KEY: API_KEY, PORT: '80a' }, ['--check'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'pyas-proxy: PORT must be a whole number from 0 to 65535, got "80a"\n',
    )
  })

  it('should validate a full configuration with --check and exit 0 without listening', async () => {
    const result = await runBin(
      {
        PYAS_API_KEY: API_KEY,
        PYAS_BASE_URL: 'https://api.pyas.io',
        PYAS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000',
        PYAS_PROVIDERS: 'Google, zoom',
        PYAS_TIMEOUT_MS: '5000',
        PYAS_MAX_BODY_BYTES: '8192',
        HOST: '0.0.0.0',
        PORT: '9000',
        PYAS_MOUNT_PATH: '/pyas/',
        PYAS_WEBHOOK_PATH: '/hooks/pyas',
        PYAS_WEBHOOK_SECRET: WEBHOOK_SECRET,
        PYAS_AUTHORIZE_URL: 'http://127.0.0.1:3000/api/me',
        PYAS_FORWARD_URL: 'http://127.0.0.1:8000/pyas-events',
        PYAS_FORWARD_SECRET: FORWARD_SECRET,
        PYAS_LINK_SECRET: LINK_SECRET,
        PYAS_LINK_URL: 'https://app.example/connect',
      },
      ['--check'],
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      'pyas-proxy: configuration ok {"url":"http://0.0.0.0:9000","proxy":"/pyas","webhooks":"/hooks/pyas","authorize":true,"calendars":true,"links":true,"forward":true}\n',
    )
    for (const secret of [API_KEY, WEBHOOK_SECRET, FORWARD_SECRET, LINK_SECRET]) {
      expect(result.stdout).not.toContain(secret)
    }
  })

  it('should read the key from PYAS_API_KEY_FILE (a container secret)', async () => {
    const result = await runBin({ PYAS_API_KEY_FILE: keyFile }, ['--check'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^pyas-proxy: configuration ok /)
  })

  it('should treat an empty variable as unset', async () => {
    const result = await runBin({ PYAS_API_KEY: API_KEY, PORT: '', PYAS_ALLOWED_ORIGINS: '' }, [
      '--check',
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('"url":"http://127.0.0.1:8787"')
  })

  it('should warn about a PYAS_ variable it does not know (a typo), and still start', async () => {
    const result = await runBin(
      { PYAS_API_KEY: API_KEY, PYAS_ALLOWED_ORIGIN: 'https://a.example' },
      ['--check'],
    )
    expect(result.code).toBe(0)
    const [warning] = result.stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(warning).toMatchObject({
      level: 'warn',
      msg: expect.stringContaining('PYAS_ALLOWED_ORIGIN is not a pyas-proxy variable'),
    })
  })

  it('should say PYAS_FAKE_REDIRECT_URL needs --fake (not a typo) when set without it', async () => {
    const result = await runBin({ PYAS_API_KEY: API_KEY, PYAS_FAKE_REDIRECT_URL: '/settings' }, [
      '--check',
    ])
    expect(result.code).toBe(0)
    const lines = result.stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string })
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'PYAS_FAKE_REDIRECT_URL is read only with --fake (the fake Pyas); it is ignored',
      }),
    ])
    // Empty counts as unset: nothing to say.
    const empty = await runBin({ PYAS_API_KEY: API_KEY, PYAS_FAKE_REDIRECT_URL: '' }, ['--check'])
    expect(empty.stderr).toBe('')
  })

  it('should refuse an unknown argument with exit 2, and print help and version', async () => {
    const unknown = await runBin({ PYAS_API_KEY: API_KEY }, ['--chek'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('pyas-proxy: unknown argument "--chek" (try --help)\n')
    const help = await runBin({}, ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('PYAS_FORWARD_SECRET')
    const version = await runBin({}, ['--version'])
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('should exit 1 with one line naming HOST/PORT when the port is taken', async () => {
    const { createServer } = await import('node:net')
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as { port: number }
    try {
      const result = await runBin({ PYAS_API_KEY: API_KEY, HOST: '127.0.0.1', PORT: String(port) })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`pyas-proxy: HOST/PORT 127.0.0.1:${port} is already in use`)
    } finally {
      taken.close()
    }
  })
})

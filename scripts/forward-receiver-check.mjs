#!/usr/bin/env node
// Drives the Python receiver of the docs (examples/forward_receiver.py, standard library only)
// against a real forward from the built pyas-proxy bin: a connect through the bin must be
// delivered (good signature accepted) with the user that PYAS_AUTHORIZE_URL named; a call with a
// bad signature, with a timestamp older than 5 minutes, or with no signature must be refused
// (401); an account without a userId must be refused (422) and not saved, also when a bin without
// PYAS_AUTHORIZE_URL forwards one (the browser's connect then fails: 500).
//
//   npm run build && npm run check:forward-receiver
//
// Prints `forward-receiver: N passed, M failed`, writes test-results/forward-receiver.json and
// exits 1 on a failure. Every process it starts is stopped.
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}dist/cli/pyas-proxy.js`
const RECEIVER = `${ROOT}examples/forward_receiver.py`
const API_KEY = 'pyas_forward_check_key_0123456789'
const SECRET = 'forward_check_secret_0123456789'
const USER_ID = 'user_42'
const children = new Set()
const results = []

function start(command, args, env, ready) {
  const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env } })
  children.add(child)
  child.on('close', () => children.delete(child))
  const output = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    output.stderr += chunk
  })
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} did not start:\n${output.stderr}`)),
      10_000,
    )
    const poll = setInterval(() => {
      const match = ready.exec(output.stdout + output.stderr)
      if (match) {
        clearTimeout(timer)
        clearInterval(poll)
        resolve(match[1])
      }
    }, 20)
    child.on('close', (code) => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(new Error(`${command} exited ${code}:\n${output.stderr}`))
    })
  })
  return { child, output, url }
}

async function check(name, fn) {
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`✓ ${name}`)
  } catch (error) {
    results.push({ name, ok: false })
    console.log(`✗ ${name}\n    ${String(error?.message ?? error).replaceAll('\n', '\n    ')}`)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

function sign(body, t) {
  return `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`
}

async function post(url, body, headers) {
  const response = await fetch(url, { method: 'POST', headers, body })
  await response.arrayBuffer()
  return response.status
}

async function main() {
  for (const file of [BIN, `${ROOT}dist/server/index.js`, `${ROOT}dist/testing/index.js`]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`)
  }
  const { toNodeHandler } = await import(`${ROOT}dist/server/index.js`)
  const { createFakePyas } = await import(`${ROOT}dist/testing/index.js`)
  const fake = createFakePyas({ redirectUrl: 'https://app.example/callback', apiKey: API_KEY })
  const pyas = createServer(toNodeHandler(fake.handle))
  pyas.listen(0, '127.0.0.1')
  await once(pyas, 'listening')
  // The app's session check: the browser with the session cookie is USER_ID.
  const app = createServer((req, res) => {
    const signedIn = req.headers.cookie === 'session=s1'
    res.writeHead(signedIn ? 200 : 401, { 'content-type': 'application/json' })
    res.end(JSON.stringify(signedIn ? { userId: USER_ID } : { user: null }))
  })
  app.listen(0, '127.0.0.1')
  await once(app, 'listening')
  try {
    const receiver = start(
      'python3',
      [RECEIVER],
      { PYAS_FORWARD_SECRET: SECRET, PORT: '0' },
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    )
    const receiverUrl = await receiver.url
    const bin = start(
      process.execPath,
      [BIN],
      {
        PYAS_API_KEY: API_KEY,
        PYAS_BASE_URL: `http://127.0.0.1:${pyas.address().port}`,
        PYAS_FORWARD_URL: `${receiverUrl}/pyas-events`,
        PYAS_FORWARD_SECRET: SECRET,
        PYAS_AUTHORIZE_URL: `http://127.0.0.1:${app.address().port}/session`,
        HOST: '127.0.0.1',
        PORT: '0',
      },
      /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/,
    )
    const binUrl = await bin.url
    const saved = () => receiver.output.stdout.split('\n').filter((text) => text.startsWith('{'))

    await check('a connect through pyas-proxy is delivered to the Python receiver', async () => {
      const code = fake.issueCode('google', { email: 'ada@example.com' })
      const response = await fetch(`${binUrl}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=s1' },
        body: JSON.stringify({ code, name: 'Ada' }),
      })
      const answer = await response.json()
      assert(
        response.status === 200,
        `connect answered ${response.status}: ${JSON.stringify(answer)}`,
      )
      // The receiver prints before it answers, but its pipe may be read after the HTTP answer.
      const printed = () => receiver.output.stdout.split('\n').find((text) => text.startsWith('{'))
      for (let waited = 0; !printed() && waited < 2_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const line = printed()
      assert(
        line,
        `the receiver printed no payload:\n${receiver.output.stdout}${receiver.output.stderr}`,
      )
      const payload = JSON.parse(line)
      assert(payload.type === 'account.connected_by_user', `type ${payload.type}`)
      assert(payload.account.accountId === answer.data.account.accountId, 'another account')
      assert(payload.userId === USER_ID, `userId ${payload.userId}`)
    })

    const body = JSON.stringify({ type: 'account.inactive', event: { accountId: 'acc_1' } })
    const now = Math.floor(Date.now() / 1000)
    await check('a call signed with the secret, timestamped now, is accepted (204)', async () => {
      const status = await post(receiverUrl, body, { 'x-pyas-signature': sign(body, now) })
      assert(status === 204, `answered ${status}`)
    })
    await check('a call with a bad signature is refused (401)', async () => {
      const bad = sign(body, now).replace(/v1=./, (v) => `v1=${v.at(-1) === '0' ? '1' : '0'}`)
      const status = await post(receiverUrl, body, { 'x-pyas-signature': bad })
      assert(status === 401, `answered ${status}`)
    })
    await check('a changed body under a good signature is refused (401)', async () => {
      const status = await post(receiverUrl, `${body} `, { 'x-pyas-signature': sign(body, now) })
      assert(status === 401, `answered ${status}`)
    })
    await check('a call timestamped more than 5 minutes ago is refused (401)', async () => {
      const status = await post(receiverUrl, body, { 'x-pyas-signature': sign(body, now - 301) })
      assert(status === 401, `answered ${status}`)
    })
    await check('a call with an invalid content-length is refused, not read', async () => {
      const { request } = await import('node:http')
      const status = await new Promise((resolve, reject) => {
        const req = request(receiverUrl, { method: 'POST', headers: { 'content-length': '-1' } })
        req.on('response', (res) => resolve(res.statusCode))
        req.on('error', reject)
        req.end()
      })
      assert(status === 413 || status === 400, `answered ${status}`)
    })
    await check('a call with no signature is refused (401)', async () => {
      const status = await post(receiverUrl, body, {})
      assert(status === 401, `answered ${status}`)
    })
    await check('a signed account without a userId is refused (422) and not saved', async () => {
      const before = saved().length
      const account = { accountId: 'acc_2', provider: 'google', email: 'x@example.com' }
      for (const extra of [{}, { userId: '' }, { userId: null }, { userId: 7 }]) {
        const call = JSON.stringify({ type: 'account.connected_by_user', account, ...extra })
        const status = await post(receiverUrl, call, { 'x-pyas-signature': sign(call, now) })
        assert(status === 422, `${JSON.stringify(extra)} answered ${status}`)
      }
      const bad = '{"type":'
      const status = await post(receiverUrl, bad, { 'x-pyas-signature': sign(bad, now) })
      assert(status === 400, `a body that is not JSON answered ${status}`)
      assert(saved().length === before, `saved:\n${saved().slice(before).join('\n')}`)
    })
    await check('a bin without PYAS_AUTHORIZE_URL cannot get an account saved (500)', async () => {
      const anonymous = start(
        process.execPath,
        [BIN],
        {
          PYAS_API_KEY: API_KEY,
          PYAS_BASE_URL: `http://127.0.0.1:${pyas.address().port}`,
          PYAS_FORWARD_URL: `${receiverUrl}/pyas-events`,
          PYAS_FORWARD_SECRET: SECRET,
          HOST: '127.0.0.1',
          PORT: '0',
        },
        /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/,
      )
      const before = saved().length
      const code = fake.issueCode('google', { email: 'grace@example.com' })
      const response = await fetch(`${await anonymous.url}/api/pyas/google/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Grace' }),
      })
      await response.arrayBuffer()
      anonymous.child.kill('SIGTERM')
      assert(response.status === 500, `connect answered ${response.status}`)
      assert(saved().length === before, `saved:\n${saved().slice(before).join('\n')}`)
    })
  } finally {
    pyas.close()
    pyas.closeAllConnections()
    app.close()
    app.closeAllConnections()
  }
}

try {
  await main()
} catch (error) {
  results.push({ name: 'set-up', ok: false })
  console.log(`✗ set-up: ${error?.message ?? error}`)
} finally {
  for (const child of children) child.kill('SIGKILL')
}
const passed = results.filter((result) => result.ok).length
const failed = results.length - passed
mkdirSync(`${ROOT}test-results`, { recursive: true })
writeFileSync(
  `${ROOT}test-results/forward-receiver.json`,
  `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed })}\n`,
)
console.log(`forward-receiver: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

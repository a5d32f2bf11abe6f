// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createLog } from '../../src/cli/createLog.js'
import { API_KEY, FORWARD_SECRET, WEBHOOK_SECRET } from './bin.js'

function capture() {
  const lines: string[] = []
  return { lines, out: { write: (text: string) => lines.push(text) } }
}

describe('pyas-proxy log lines', () => {
  it('should redact the key and every secret, and log URLs without credentials or query', () => {
    const stdout = capture()
    const stderr = capture()
    const log = createLog([API_KEY, WEBHOOK_SECRET, FORWARD_SECRET], stdout.out, stderr.out)
    log.error(`forward with ${FORWARD_SECRET} failed`, {
      details: `fetch https://ops:pa55@hooks.example/in?token=${WEBHOOK_SECRET}#x refused ${API_KEY}`,
    })
    log.request({ t: 'now', method: 'GET', path: `/x/${API_KEY}`, status: 200, ms: 1 })
    const text = stderr.lines.join('') + stdout.lines.join('')
    for (const secret of [API_KEY, WEBHOOK_SECRET, FORWARD_SECRET, 'pa55', 'token=']) {
      expect(text).not.toContain(secret)
    }
    const line = JSON.parse(stderr.lines[0] ?? '') as Record<string, unknown>
    expect(line.msg).toBe('forward with [redacted] failed')
    expect(line.details).toBe('fetch https://hooks.example/in refused [redacted]')
    expect(JSON.parse(stdout.lines[0] ?? '').path).toBe('/x/[redacted]')
  })
})

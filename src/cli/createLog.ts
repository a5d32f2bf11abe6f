import { createRedactor } from '../server/redact.js'

/** One access-log line: when the request arrived, what it asked, how it ended, how long it took. */
export interface RequestLine {
  t: string
  method: string
  path: string
  status: number
  ms: number
}

/** Where `pyas-proxy` writes: request lines on stdout, everything else on stderr, as JSON. */
export interface CliLog {
  request(line: RequestLine): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

interface Output {
  write(text: string): unknown
}

/**
 * A logger that never prints a secret: every line goes through the library's redactor, so each
 * secret (also as it looks inside a JSON string) becomes `[redacted]`, and every URL loses its
 * credentials and query.
 */
export function createLog(secrets: readonly string[], stdout: Output, stderr: Output): CliLog {
  const redact = createRedactor(() => secrets)
  const emit = (level: string, msg: string, fields?: Record<string, unknown>) => {
    const line = { t: new Date().toISOString(), level, msg, ...fields }
    stderr.write(`${redact(JSON.stringify(line))}\n`)
  }
  return {
    request: (line) => stdout.write(`${redact(JSON.stringify(line))}\n`),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  }
}

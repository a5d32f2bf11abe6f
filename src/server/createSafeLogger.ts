import type { PyasLogger } from './PyasProxyOptions.js'
import { type Redact, redactDetails } from './redact.js'

/** The one way the proxy and the webhook handler log: redacted, and never throwing. */
export interface SafeLogger {
  error(message: string, details?: unknown): void
  /** Falls back to the logger's `error` when it has no `warn`. */
  warn(message: string, details?: unknown): void
}

/**
 * Wraps the user's logger: every message and detail goes through `redact` (no key, no secret, no
 * URL with credentials or query), and a logger that throws cannot turn an answer into none.
 */
export function createSafeLogger(logger: PyasLogger, redact: Redact): SafeLogger {
  const write = (level: 'error' | 'warn', message: string, details: unknown[]) => {
    try {
      const method = level === 'warn' && typeof logger.warn === 'function' ? 'warn' : 'error'
      const args = details.map((detail) => redactDetails(detail, redact))
      logger[method]?.(redact(message), ...args)
    } catch {
      // Logging is best effort; the request is answered either way.
    }
  }
  return {
    error: (message, ...details: unknown[]) => write('error', message, details),
    warn: (message, ...details: unknown[]) => write('warn', message, details),
  }
}

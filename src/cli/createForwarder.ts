import type { CliLog } from './createLog.js'
import { signForward } from './signForward.js'

/** What is forwarded: a connected account or a webhook event, as JSON. */
export type ForwardPayload =
  | { type: 'account.connected_by_user'; account: unknown; userId?: string }
  | { type: string; event: unknown }

export interface ForwarderOptions {
  url: string
  secret: string
  /** Bounds each attempt (headers and body of the answer). */
  timeoutMs: number
  log: CliLog
  /** @defaultValue 1000 */
  retryDelayMs?: number
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return `unreachable (${cause?.code ?? cause?.message ?? String(error)})`
}

/**
 * Creates `forward(payload)`: a signed `POST` to the app's backend that resolves once it answered
 * 2xx, tries once more after `retryDelayMs`, and otherwise logs why and throws, so the caller
 * (the browser's connect, Pyas's webhook) is answered 500 and can try again. Redirects are not
 * followed: a 3xx is a failure.
 */
export function createForwarder(
  options: ForwarderOptions,
): (payload: ForwardPayload) => Promise<void> {
  const { url, secret, timeoutMs, log, retryDelayMs = 1000 } = options
  return async function forward(payload) {
    const body = JSON.stringify(payload)
    let reason = ''
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, retryDelayMs))
      try {
        const response = await fetch(url, {
          method: 'POST',
          // Signed per attempt, so a retry carries a fresh timestamp.
          headers: {
            'content-type': 'application/json',
            'x-pyas-signature': signForward(secret, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        })
        await response.body?.cancel().catch(() => {})
        if (response.status >= 200 && response.status < 300) return
        reason = `the forward URL answered ${response.status}`
      } catch (error) {
        reason = `the forward URL was ${describeFailure(error, timeoutMs)}`
      }
    }
    log.error('forward failed', { type: payload.type, attempts: 2, reason })
    throw new Error(`forward of ${payload.type} failed after 2 attempts: ${reason}`)
  }
}

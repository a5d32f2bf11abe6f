import { PyasConnectError } from '../../src/index.js'

/** What to tell the user about a failed connect: the message, or a precise wait when rate-limited. */
export function explain(error: unknown): string {
  if (error instanceof PyasConnectError && error.code === 'rate_limited') {
    return `Try again in ${error.retryAfter ?? 30} seconds.`
  }
  return error instanceof Error ? error.message : String(error)
}

import type { PyasAuthorizeContext } from '../server/index.js'
import { readCapped } from '../server/readCapped.js'
import type { CliLog } from './createLog.js'

/** A session answer is a small JSON document; anything bigger is not one. */
const MAX_ANSWER_BYTES = 64 * 1024
const decoder = new TextDecoder('utf-8', { fatal: true })

/** The `userId` of a JSON answer, when it is a non-empty string; else `undefined`. */
function userIdOf(bytes: Uint8Array): string | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes))
    const userId = (value as { userId?: unknown } | null)?.userId
    return typeof userId === 'string' && userId !== '' ? userId : undefined
  } catch {
    return undefined
  }
}

/**
 * The proxy's `authorize` for `PYAS_AUTHORIZE_URL`: a `GET` to the app's own session check with
 * only the browser's `cookie` and `authorization` headers. Only a 2xx JSON answer whose `userId`
 * is a non-empty string allows, as that user; a signed-out visitor's `{"user": null}`, an HTML
 * login page, any other status, a redirect, an error or no whole answer within `timeoutMs` is a
 * 403.
 */
export function authorizeByUrl(
  url: string,
  timeoutMs: number,
  log: CliLog,
): (context: PyasAuthorizeContext) => Promise<false | { userId: string }> {
  return async function authorize({ request }) {
    const headers: Record<string, string> = {}
    for (const name of ['cookie', 'authorization']) {
      const value = request.headers.get(name)
      if (value !== null) headers[name] = value
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal })
      if (response.status < 200 || response.status > 299 || !response.body) {
        await response.body?.cancel().catch(() => {})
        return false
      }
      // The timer still runs: a body that trickles in is cut off with the rest of the call.
      const read = await readCapped(response.body, { limit: MAX_ANSWER_BYTES })
      const userId = typeof read === 'string' ? undefined : userIdOf(read)
      return userId === undefined ? false : { userId }
    } catch (error) {
      log.warn('authorize refused: the authorize URL did not answer', {
        reason: controller.signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : String((error as Error).cause ?? error),
      })
      return false
    } finally {
      clearTimeout(timer)
    }
  }
}

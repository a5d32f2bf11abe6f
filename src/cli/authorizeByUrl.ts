import type { PyasAuthorizeAccountContext, PyasAuthorizeContext } from '../server/index.js'
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
 * Asks the app's own session check who the browser is: a `GET` to `url` with only the browser's
 * `cookie` and `authorization` headers. Only a 2xx JSON answer whose `userId` is a non-empty string
 * names a user; a signed-out visitor's `{"user": null}`, an HTML login page, any other status, a
 * redirect, an error or no whole answer within `timeoutMs` names nobody (`undefined`).
 */
async function askSession(
  url: string,
  request: Request,
  timeoutMs: number,
  log: CliLog,
): Promise<string | undefined> {
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
      return undefined
    }
    // The timer still runs: a body that trickles in is cut off with the rest of the call.
    const read = await readCapped(response.body, { limit: MAX_ANSWER_BYTES })
    return typeof read === 'string' ? undefined : userIdOf(read)
  } catch (error) {
    log.warn('authorize refused: the authorize URL did not answer', {
      reason: controller.signal.aborted
        ? `no answer within ${timeoutMs} ms`
        : String((error as Error).cause ?? error),
    })
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

/** The proxy's hooks for `PYAS_AUTHORIZE_URL`: `authorize`, and `authorizeAccount` for calendars. */
export interface UrlAuthorization {
  authorize(context: PyasAuthorizeContext): Promise<true | false | { userId: string }>
  authorizeAccount(context: PyasAuthorizeAccountContext): Promise<boolean>
}

/**
 * `PYAS_AUTHORIZE_URL` as the proxy's checks. Every call asks the URL (see `askSession`) and goes
 * on as the user it names. A calendars call asks it once, with `provider` and `accountId` added to
 * its query (its own query kept), so the app answers for that account: `authorize` lets a
 * calendars call through to `authorizeAccount`, which makes the one request once `accountId` has
 * passed its format check. The app answers a stranger's account like a signed-out visitor: 403.
 */
export function authorizeByUrl(url: string, timeoutMs: number, log: CliLog): UrlAuthorization {
  return {
    async authorize({ request, action }) {
      if (action === 'calendars') return true
      const userId = await askSession(url, request, timeoutMs, log)
      return userId === undefined ? false : { userId }
    },
    async authorizeAccount({ request, provider, accountId }) {
      const withAccount = new URL(url)
      withAccount.searchParams.set('provider', provider)
      withAccount.searchParams.set('accountId', accountId)
      return (await askSession(withAccount.href, request, timeoutMs, log)) !== undefined
    },
  }
}

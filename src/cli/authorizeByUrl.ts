import type { PyasAuthorizeContext } from '../server/index.js'
import type { CliLog } from './createLog.js'

const MAX_ANSWER_BYTES = 64 * 1024

async function readUserId(response: Response): Promise<string | number | undefined> {
  if (!response.body) return undefined
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const userId = (value as { userId?: unknown } | null)?.userId
    return typeof userId === 'string' || (typeof userId === 'number' && Number.isFinite(userId))
      ? userId
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The proxy's `authorize` for `PYAS_AUTHORIZE_URL`: a `GET` to the app's own session check with
 * only the browser's `cookie` and `authorization` headers. A 2xx allows (its JSON `userId`, if
 * any, is remembered for the request, for the forward); any other answer, a redirect, an error or
 * no whole answer within `timeoutMs` refuses (403).
 */
export function authorizeByUrl(
  url: string,
  timeoutMs: number,
  userIds: WeakMap<Request, string | number>,
  log: CliLog,
): (context: PyasAuthorizeContext) => Promise<boolean> {
  return async function authorize({ request }) {
    const headers: Record<string, string> = {}
    for (const name of ['cookie', 'authorization']) {
      const value = request.headers.get(name)
      if (value !== null) headers[name] = value
    }
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      const response = await fetch(url, { headers, redirect: 'manual', signal })
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => {})
        return false
      }
      const userId = await readUserId(response)
      if (userId !== undefined) userIds.set(request, userId)
      return true
    } catch (error) {
      const timedOut = signal.aborted
      log.warn('authorize refused: the authorize URL did not answer', {
        reason: timedOut
          ? `no answer within ${timeoutMs} ms`
          : String((error as Error).cause ?? error),
      })
      return false
    }
  }
}

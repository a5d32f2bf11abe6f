import type { IncomingMessage, ServerResponse } from 'node:http'
import { INTERNAL_ERROR } from './jsonResult.js'
import { nodeExchange } from './nodeExchange.js'
import { proxyCoreOf } from './ProxyExchange.js'
import { toFetchRequest } from './toFetchRequest.js'
import { writeNodeJson, writeNodeResponse } from './writeNodeResponse.js'

/** A `node:http` request listener that is also Express and Connect middleware. */
export type PyasNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/** Any Fetch handler, such as the ones `createPyasProxy` and `createPyasWebhookHandler` return. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/**
 * Adapts a Fetch handler to `(req, res, next?)` for `node:http`, Express and Connect. It only
 * translates: every request is answered by the handler (unmatched paths get its 404 and never
 * fall through); `next` only hears about an unexpected error in the adapter itself.
 */
export function toNodeHandler(handler: FetchHandler): PyasNodeHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(
      'toNodeHandler: pass the handler returned by createPyasProxy(options) or createPyasWebhookHandler(options)',
    )
  }
  const core = proxyCoreOf(handler)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (core) {
      // Our own handler: run its core on the Node request directly (same checks, no Fetch
      // objects unless a user hook asks for the Request).
      const result = await core(nodeExchange(req, res))
      if (res.destroyed) return
      if (result.kind === 'response') {
        await writeNodeResponse(req, res, result.response)
      } else {
        writeNodeJson(req, res, result)
      }
      return
    }
    await writeNodeResponse(req, res, await handler(toFetchRequest(req, res)))
  }

  async function settle(req: IncomingMessage, res: ServerResponse, next?: (e?: unknown) => void) {
    try {
      await handle(req, res)
    } catch (error) {
      try {
        if (next) next(error)
        else if (!res.headersSent) writeNodeJson(req, res, INTERNAL_ERROR)
        // Half a response cannot be fixed; dropping the connection tells the client it failed.
        else res.destroy()
      } catch {
        res.destroy()
      }
    }
  }

  return function pyasNodeHandler(req, res, next) {
    // Every path settles here: nothing a request does leaves an unhandled rejection behind.
    void settle(req, res, next)
  }
}

import type { IncomingMessage } from 'node:http'

import { closedMidBody, EMPTY } from './readCapped.js'

/**
 * The body a body parser mounted earlier already read (Express's `express.json()`, Next.js Pages
 * Router API routes, Fastify's parsers handed over as `req.body`): the stream is drained, so the
 * parsed `req.body` is all there is — an object or array is serialised again, a string or bytes
 * are taken as they are. `null` while the stream is unread.
 */
export function consumedBody(req: IncomingMessage): Uint8Array | null {
  if (!req.readableEnded) return null
  const { body } = req as { body?: unknown }
  if (body === undefined) return EMPTY
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
}

/**
 * The request body as a web stream that respects backpressure and, when cancelled, only pauses
 * the request (Node's `Readable.toWeb` destroys it, which would drop the socket before a 413 is
 * sent).
 */
export function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const consumed = consumedBody(req)
  // Node's buffers are never backed by a SharedArrayBuffer.
  if (consumed) return new Blob([consumed as Uint8Array<ArrayBuffer>]).stream()
  let detach = () => {}
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const onData = (chunk: Buffer) => {
        controller.enqueue(chunk)
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      }
      const onEnd = () => {
        detach()
        controller.close()
      }
      const onError = (error: Error) => {
        detach()
        controller.error(error)
      }
      const onClose = () => onError(closedMidBody())
      detach = () => {
        req.off('data', onData)
        req.off('end', onEnd)
        req.off('error', onError)
        req.off('close', onClose)
      }
      req.on('data', onData)
      req.on('end', onEnd)
      req.on('error', onError)
      req.on('close', onClose)
      if (req.destroyed) onClose()
    },
    pull() {
      req.resume()
    },
    cancel() {
      detach()
      req.pause()
    },
  })
}

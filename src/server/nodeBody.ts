import type { IncomingMessage } from 'node:http'

const EMPTY = new Uint8Array(0)

function closedMidBody(): Error {
  return new Error('The client closed the connection before sending the whole body')
}

/**
 * The body a middleware mounted earlier already read (Express's `express.json()`, body-parser):
 * the stream is drained, so the parsed `req.body` is all there is. `null` while the stream is
 * unread.
 */
export function consumedBody(req: IncomingMessage): Uint8Array | null {
  if (!req.readableEnded) return null
  const { body } = req as { body?: unknown }
  if (body === undefined) return EMPTY
  if (body instanceof Uint8Array) return body
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
}

/**
 * Reads a request body straight from the socket, up to `limit` bytes. Past the limit it stops
 * listening and pauses the request (resolving `null`), so a huge upload is never buffered.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const consumed = consumedBody(req)
  if (consumed) return Promise.resolve(consumed.byteLength > limit ? null : consumed)
  if (req.destroyed) return Promise.reject(closedMidBody())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        cleanup()
        req.pause()
        resolve(null)
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const onClose = () => onError(closedMidBody())
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
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

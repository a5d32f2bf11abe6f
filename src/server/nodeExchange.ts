import type { IncomingMessage, ServerResponse } from 'node:http'
import { consumedBody } from './nodeBody.js'
import type { ProxyExchange } from './ProxyExchange.js'
import { readCapped, readRequestBody } from './readCapped.js'
import { originForm, toFetchRequest } from './toFetchRequest.js'

/**
 * Wraps a Node request for the proxy core without building a Fetch `Request` up front: headers and
 * body are read straight from `IncomingMessage`. A `Request` is made only if a user hook asks for
 * one, and then the body is read through it (or handed to it, when already read).
 */
export function nodeExchange(req: IncomingMessage, res: ServerResponse): ProxyExchange {
  let request: Request | undefined
  let body: Uint8Array | undefined
  return {
    method: req.method ?? 'GET',
    url: originForm(req.url),
    header(name) {
      const value = req.headers[name]
      return value === undefined ? null : typeof value === 'string' ? value : value.join(', ')
    },
    request() {
      request ??= toFetchRequest(req, res, body)
      return request
    },
    async readBody(limit, timeoutMs) {
      if (request) return readRequestBody(request, limit, timeoutMs)
      const consumed = consumedBody(req)
      const read = consumed
        ? consumed.byteLength > limit
          ? 'too_large'
          : consumed
        : await readCapped(req, { limit, timeoutMs })
      if (typeof read !== 'string') body = read
      return read
    },
    onAbort(listener) {
      if (res.destroyed) {
        listener()
        return () => {}
      }
      const onClose = () => res.writableFinished || listener()
      res.once('close', onClose)
      return () => res.off('close', onClose)
    },
    isAborted: () => res.destroyed && !res.writableFinished,
  }
}

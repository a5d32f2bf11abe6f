import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { type JsonResult, resultHeaders } from './jsonResult.js'

// Node drains an unread request body after the response to keep the connection alive; for a
// refused upload that would mean reading it all, so such a connection is closed instead.
// A request without a body is not `complete` yet while its own listener runs, so only one that
// announced a body counts.
function closeIfBodyUnread(req: IncomingMessage, headers: OutgoingHttpHeaders): void {
  const announced =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  if (announced && !req.complete) headers.connection = 'close'
}

/** Writes one of the library's own answers. */
export function writeNodeJson(req: IncomingMessage, res: ServerResponse, result: JsonResult): void {
  const headers: OutgoingHttpHeaders = { ...resultHeaders(result) }
  if (result.status !== 204) headers['content-length'] = Buffer.byteLength(result.body)
  closeIfBodyUnread(req, headers)
  res.writeHead(result.status, headers)
  res.end(result.status === 204 ? undefined : result.body)
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/** Writes a Fetch `Response` (status, headers with every `set-cookie`, streamed body). */
export async function writeNodeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  const headers: OutgoingHttpHeaders = {}
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') headers[name] = value
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  closeIfBodyUnread(req, headers)
  res.writeHead(response.status, headers)
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  const cancel = () => reader.cancel().catch(() => {})
  res.once('close', cancel)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (res.destroyed) return
      if (!res.write(value)) await waitForDrain(res)
    }
    res.end()
  } finally {
    res.off('close', cancel)
  }
}

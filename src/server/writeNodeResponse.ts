import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { JSON_HEADERS } from './jsonResult.js'

// Node drains an unread request body after the response to keep the connection alive; for a
// refused upload that would mean reading it all, so such a connection is closed instead.
function closeIfBodyUnread(req: IncomingMessage, headers: OutgoingHttpHeaders): void {
  if (!req.complete) headers.connection = 'close'
}

/** Writes a JSON answer of the proxy core. */
export function writeNodeJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  extraHeaders: Readonly<Record<string, string>> | undefined,
): void {
  const headers: OutgoingHttpHeaders = {
    'content-type': JSON_HEADERS['content-type'],
    'cache-control': JSON_HEADERS['cache-control'],
    'x-content-type-options': JSON_HEADERS['x-content-type-options'],
    'content-length': Buffer.byteLength(body),
  }
  if (extraHeaders) Object.assign(headers, extraHeaders)
  closeIfBodyUnread(req, headers)
  res.writeHead(status, headers)
  res.end(body)
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

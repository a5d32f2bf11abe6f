import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { nodeBodyStream } from './nodeBody.js'

// A Host header is attacker-controlled; one that is not a plain host[:port] could smuggle path
// segments into the URL, so it is replaced rather than trusted.
const HOST = /^[A-Za-z0-9.\-_~]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/

/**
 * A request target in origin form (`/path?query`). An absolute-form target
 * (`GET http://evil.example/path`, as sent to forward proxies) keeps only its path and query: its
 * authority, credentials included, is the client's say and never becomes the request's URL.
 */
export function originForm(target: string | undefined): string {
  if (target === undefined || target === '') return '/'
  if (target.startsWith('/')) return target
  if (!URL.canParse(target)) return '/'
  const { pathname, search } = new URL(target)
  return `${pathname}${search}`
}

/** The request's URL from its path and its `Host` header. */
function requestUrl(req: IncomingMessage): string {
  const target = originForm((req as { originalUrl?: string }).originalUrl ?? req.url)
  const protocol = (req.socket as Partial<TLSSocket> | null)?.encrypted ? 'https' : 'http'
  const host = req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? ''
  return `${protocol}://${HOST.test(host) ? host : 'localhost'}${target}`
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string
    // HTTP/2 pseudo-headers (":path") are not header names a Fetch `Headers` accepts.
    if (!name.startsWith(':')) headers.append(name, raw[i + 1] as string)
  }
  return headers
}

/**
 * Translates a Node request into a Fetch `Request`: the full URL (Host header + the path of
 * `originalUrl`, so an Express mount prefix is kept), every header, the body streamed (or `body`, when it was already
 * read), and a signal that aborts when the client goes away before the response is finished.
 */
export function toFetchRequest(
  req: IncomingMessage,
  res: ServerResponse,
  body?: Uint8Array,
): Request {
  const method = req.method ?? 'GET'
  const controller = new AbortController()
  if (res.destroyed) controller.abort()
  else res.once('close', () => res.writableFinished || controller.abort())
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: requestHeaders(req),
    signal: controller.signal,
  }
  if (hasBody) {
    init.body = body ? (body as Uint8Array<ArrayBuffer>) : nodeBodyStream(req)
    init.duplex = 'half'
  }
  return new Request(requestUrl(req), init)
}

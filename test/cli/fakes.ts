import type { IncomingMessage, ServerResponse } from 'node:http'
import { toNodeHandler } from '../../src/server/index.js'
import { createFakePyas, type FakePyas } from '../../src/testing/index.js'
import { close, listen } from '../server/helpers.js'
import { API_KEY } from './bin.js'

/** The fake Pyas from `@pyas/react/testing`, served over HTTP on 127.0.0.1 (for PYAS_BASE_URL). */
export async function serveFakePyas(): Promise<{
  fake: FakePyas
  url: string
  close(): Promise<void>
}> {
  const fake = createFakePyas({ redirectUrl: 'https://app.example/callback', apiKey: API_KEY })
  const served = await listen(toNodeHandler(fake.handle))
  return { fake, url: served.url, close: () => close(served.server) }
}

/** One request a stand-in server received, body read whole. */
export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/**
 * A local HTTP server whose answer each test sets (`reply`), recording every request: the
 * authorize URL, the forward receiver, or a slow Pyas.
 */
export async function serveStandIn(
  reply: (request: Received, res: ServerResponse) => void = (_, res) => res.end(),
) {
  const received: Received[] = []
  const standIn = {
    reply,
    received,
    url: '',
    close: async () => {},
  }
  const served = await listen((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      received.push(request)
      standIn.reply(request, res)
    })
  })
  standIn.url = served.url
  standIn.close = () => close(served.server)
  return standIn
}

/** Answers JSON. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

// @vitest-environment node
import type { IncomingMessage, RequestListener } from 'node:http'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { createPyasProxy, type PyasProxyOptions, toNodeHandler } from '../../src/server/index.js'
import { ACCOUNT, API_KEY, close, fakeUpstream, listen } from './helpers.js'
import { send } from './nodeClient.js'

const connected = () => Response.json({ success: true, data: { account: ACCOUNT } })
const JSON_TYPE = { 'content-type': 'application/json' }

/** Serves `app` on 127.0.0.1 for one callback, with a proxy whose upstream records its calls. */
async function withServer(
  makeApp: (handler: ReturnType<typeof toNodeHandler>) => RequestListener,
  run: (url: string, calls: { body: string | undefined }[]) => Promise<void>,
  options: Partial<PyasProxyOptions> = {},
) {
  const { fetch, calls } = fakeUpstream(connected)
  const handler = toNodeHandler(createPyasProxy({ apiKey: API_KEY, fetch, ...options }))
  const { server, url } = await listen(makeApp(handler))
  try {
    await run(url, calls)
  } finally {
    await close(server)
  }
}

function post(url: string, body: string, headers: Record<string, string> = JSON_TYPE) {
  return send(`${url}/api/pyas/google/connect`, { method: 'POST', headers, body })
}

describe('toNodeHandler behind a body parser', () => {
  it('should use what express.json(), express.text() and express.raw() parsed', async () => {
    for (const parser of [
      express.json(),
      express.text({ type: 'application/json' }),
      express.raw({ type: 'application/json' }),
    ]) {
      await withServer(
        (handler) => express().use(parser).use('/api/pyas', handler),
        async (url, calls) => {
          const response = await post(url, JSON.stringify({ code: 'c', name: 'Ada', extra: 1 }))
          expect(response.status).toBe(200)
          expect(calls.map((call) => call.body)).toEqual(['{"code":"c","name":"Ada"}'])
        },
      )
    }
  })

  it('should keep the content type, size and body checks on a parsed body', async () => {
    await withServer(
      (handler) =>
        express()
          .use(express.json({ strict: false }), express.text())
          .use('/api/pyas', handler),
      async (url, calls) => {
        // express.text() consumed it; the proxy still refuses the type.
        const text = await post(url, '{"code":"c","name":"n"}', { 'content-type': 'text/plain' })
        expect(text.status).toBe(415)
        // Under express.json()'s own limit, over the proxy's maxBodyBytes.
        const large = await post(url, JSON.stringify({ code: 'c'.repeat(2000), name: 'Ada' }))
        expect(large.status).toBe(413)
        expect(large.json()).toEqual({ error: 'payload_too_large' })
        const scalar = await post(url, '42')
        expect(scalar.status).toBe(400)
        const noCode = await post(url, '{"name":"Ada"}')
        expect(noCode.json()).toMatchObject({ errors: [{ param: 'code' }] })
        expect(calls).toHaveLength(0)
      },
      { maxBodyBytes: 1024 },
    )
  })

  it('should work like a Next.js Pages Router API route, whose body Next has parsed', async () => {
    // What Next does before calling the route: read the stream, then set req.body.
    const nextApiRoute =
      (handler: ReturnType<typeof toNodeHandler>): RequestListener =>
      (req, res) => {
        let text = ''
        req.setEncoding('utf8')
        req.on('data', (chunk: string) => {
          text += chunk
        })
        req.on('end', () => {
          const isJson = req.headers['content-type']?.startsWith('application/json')
          ;(req as IncomingMessage & { body?: unknown }).body = isJson ? JSON.parse(text) : text
          handler(req, res)
        })
      }
    await withServer(nextApiRoute, async (url, calls) => {
      expect((await post(url, JSON.stringify({ code: 'c', name: 'Ada' }))).status).toBe(200)
      expect((await post(url, 'code=c', { 'content-type': 'text/plain' })).status).toBe(415)
      expect(calls.map((call) => call.body)).toEqual(['{"code":"c","name":"Ada"}'])
    })
  })
})

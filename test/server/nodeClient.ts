import { type Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http'

/** A response read whole by `send`. */
export interface NodeResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
  json(): unknown
}

/** Reads a response whole. */
export function collect(res: IncomingMessage): Promise<NodeResponse> {
  return new Promise((resolve, reject) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      body += chunk
    })
    res.on('error', reject)
    res.on('end', () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body,
        json: () => JSON.parse(body),
      }),
    )
  })
}

/** A plain node:http client call, so tests control sockets, headers and body bytes exactly. */
export function send(
  url: string,
  options: {
    method?: string
    headers?: Record<string, string | number>
    body?: string
    agent?: Agent
  } = {},
): Promise<NodeResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent },
      (res) => collect(res).then(resolve, reject),
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/**
 * POSTs an endless chunked JSON body, honouring backpressure, until the server answers or closes.
 * Resolves with the answer (if any) and how many bytes the client managed to hand to the socket.
 */
export function sendEndless(
  url: string,
  headers: Record<string, string | number>,
  limit: number,
): Promise<{ response: NodeResponse | undefined; written: number }> {
  return new Promise((resolve) => {
    let written = 0
    let response: NodeResponse | undefined
    let stopped = false
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      stopped = true
      collect(res).then((r) => {
        response = r
        resolve({ response, written })
      }, finish)
    })
    function finish() {
      stopped = true
      resolve({ response, written })
    }
    req.on('error', finish)
    req.on('close', () => setTimeout(finish, 50))
    function pump() {
      while (!stopped && written < limit) {
        written += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (!stopped) req.end()
    }
    req.write('{"code":"')
    pump()
  })
}

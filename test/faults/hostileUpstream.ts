import { createServer, type Socket } from 'node:net'

/** What the hostile upstream does, chosen by the `state` the proxy forwards on an oauth call. */
export type UpstreamCase =
  | 'ok'
  | 'body2MiB'
  | 'body50MiB'
  | 'endless'
  | 'upgrade'
  | 'resetMidBody'
  | 'deepJson'
  | 'slowHeaders'
  | 'redirectLoop'

const OK_BODY = JSON.stringify({ success: true, url: 'https://accounts.example/consent' })
const MiB = 1024 * 1024

/** Writes `total` bytes (or forever) honouring backpressure until the peer goes away. */
function pump(socket: Socket, total: number, written: { bytes: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 'x')
  const next = () => {
    while (!socket.destroyed && written.bytes < total) {
      written.bytes += chunk.length
      if (!socket.write(chunk)) {
        socket.once('drain', next)
        return
      }
    }
  }
  next()
}

const behaviours: Record<UpstreamCase, (socket: Socket, written: { bytes: number }) => void> = {
  ok(socket) {
    socket.end(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY.length}\r\nConnection: close\r\n\r\n${OK_BODY}`,
    )
  },
  body2MiB(socket) {
    const body = `{"a":"${'x'.repeat(2 * MiB)}"}`
    socket.end(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    )
  },
  body50MiB(socket, written) {
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${50 * MiB}\r\n\r\n`,
    )
    pump(socket, 50 * MiB, written)
  },
  endless(socket, written) {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n')
    pump(socket, Number.POSITIVE_INFINITY, written)
  },
  upgrade(socket) {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n')
  },
  resetMidBody(socket) {
    socket.write(
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    )
    setTimeout(() => socket.resetAndDestroy(), 20)
  },
  deepJson(socket) {
    const body = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    socket.end(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    )
  },
  slowHeaders(socket) {
    socket.write('HTTP/1.1 200 OK\r\n')
    const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 100)
    socket.on('close', () => clearInterval(timer))
  },
  redirectLoop(socket) {
    socket.end(
      'HTTP/1.1 302 Found\r\nLocation: /google/oauth?state=redirectLoop\r\nContent-Length: 0\r\n\r\n',
    )
  },
}

/** A connect is answered as Pyas does, with a google account. */
function connected(socket: Socket): void {
  const body = JSON.stringify({
    success: true,
    data: { account: { accountId: 'acc_1', provider: 'google', email: 'a@b.co' } },
  })
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** One connection the hostile upstream served: its case, bytes it wrote, whether it closed. */
export interface UpstreamConnection {
  case: UpstreamCase
  written: { bytes: number }
  socket: Socket
}

/**
 * A Pyas stand-in on 127.0.0.1 that misbehaves as the forwarded `state` says (one request per
 * connection), written with raw sockets so it can send what node:http's server never would.
 */
export async function startHostileUpstream() {
  const connections: UpstreamConnection[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let head = ''
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      socket.off('data', onData)
      const target = head.split(' ')[1] ?? '/'
      const url = new URL(target, 'http://upstream')
      const name = url.searchParams.get('state') as UpstreamCase
      const behaviour = url.pathname.endsWith('/connect')
        ? connected
        : (behaviours[name] ?? behaviours.ok)
      const connection = { case: name, written: { bytes: 0 }, socket }
      connections.push(connection)
      behaviour(socket, connection.written)
    }
    socket.on('data', onData)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

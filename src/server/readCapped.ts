import type { Readable } from 'node:stream'

/** How a capped read ended: the bytes, or why it stopped early. */
export type CappedRead = Uint8Array | 'too_large' | 'timeout'

export interface ReadCappedOptions {
  /** The most bytes accepted; one more and the read stops with `'too_large'`. */
  limit: number
  /** Stops with `'timeout'` when the body is not complete within this many milliseconds. */
  timeoutMs?: number
  /**
   * What happens to a Node stream the read stops early: `'pause'` leaves the connection usable for
   * an answer (a client's upload), `'destroy'` drops it (an upstream answer not passed on). A Web
   * stream is always cancelled.
   * @defaultValue `'pause'`
   */
  release?: 'pause' | 'destroy'
}

/** Why a body read failed: the connection closed before the whole body arrived. */
export function closedMidBody(): Error {
  return new Error('The connection closed before the whole body arrived')
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0]
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

// Duck-typed: a stream from another realm (a test environment, an edge runtime) is still one.
function isWebStream(source: object): source is ReadableStream<Uint8Array> {
  return typeof (source as Partial<ReadableStream>).getReader === 'function'
}

/**
 * Reads a whole body, a Web stream or a Node readable, but never past `limit` bytes (plus one
 * chunk) nor longer than `timeoutMs`. Every body the proxy reads goes through here: the client's
 * `connect` body on both paths and Pyas's answer on both transports. Rejects when the stream
 * fails or closes early.
 */
export function readCapped(
  source: ReadableStream<Uint8Array> | Readable,
  { limit, timeoutMs, release = 'pause' }: ReadCappedOptions,
): Promise<CappedRead> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    let settled = false
    let detach = () => {}
    let stop = () => {}
    let timer: ReturnType<typeof setTimeout> | undefined

    /** Ends the read; `false` if it had already ended. */
    const finish = (): boolean => {
      if (settled) return false
      settled = true
      clearTimeout(timer)
      detach()
      return true
    }
    const settle = (outcome: CappedRead) => finish() && resolve(outcome)
    // Any thrown value rejects, an error from another realm included (never mistaken for bytes).
    const fail = (error: unknown) => finish() && reject(error ?? closedMidBody())
    const stopWith = (outcome: 'too_large' | 'timeout') => {
      if (settled) return
      stop()
      settle(outcome)
    }
    /** Takes one chunk; `false` once the limit is passed. */
    const take = (chunk: Uint8Array): boolean => {
      size += chunk.byteLength
      if (size > limit) {
        stopWith('too_large')
        return false
      }
      chunks.push(chunk)
      return true
    }
    const end = () => settle(concat(chunks, size))

    if (timeoutMs !== undefined) timer = setTimeout(() => stopWith('timeout'), timeoutMs)

    if (isWebStream(source)) {
      const reader = source.getReader()
      // Cancel without awaiting: a source that never settles must not hold the answer back.
      stop = () => void reader.cancel().catch(() => {})
      const pump = async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (settled) return
          if (done) return end()
          if (!take(value)) return
        }
      }
      pump().catch(fail)
      return
    }

    const onData = (chunk: Buffer) => void take(chunk)
    const onClose = () => fail(closedMidBody())
    detach = () => {
      source.off('data', onData)
      source.off('end', end)
      source.off('error', fail)
      source.off('close', onClose)
    }
    stop = () => {
      detach()
      if (release === 'destroy') source.destroy()
      else source.pause()
    }
    if (source.destroyed) return onClose()
    source.on('data', onData)
    source.on('end', end)
    source.on('error', fail)
    source.on('close', onClose)
  })
}

/** An empty body. */
export const EMPTY = new Uint8Array(0)

/** Reads a Fetch `Request`'s body with `readCapped`; fails loudly if a hook already consumed it. */
export function readRequestBody(
  request: Request,
  limit: number,
  timeoutMs: number,
): Promise<CappedRead> {
  if (request.bodyUsed) {
    return Promise.reject(
      new Error(
        'The request body was already read: `authorize` must not consume it (use request.clone())',
      ),
    )
  }
  return request.body ? readCapped(request.body, { limit, timeoutMs }) : Promise.resolve(EMPTY)
}

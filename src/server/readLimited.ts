/**
 * Reads a byte stream into one array, but stops and cancels the stream as soon as it holds more
 * than `limit` bytes, returning `null`. The stream is never buffered past `limit` plus one chunk.
 */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      // Cancel without awaiting: a source that never settles must not hold the answer back.
      reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return concatBytes(chunks, size)
}

/** Joins byte chunks; returns the only chunk as is. */
function concatBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0]
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const EMPTY = new Uint8Array(0)

/** Reads a Fetch `Request`'s body with `readLimited`; fails loudly if a hook already consumed it. */
export function readRequestBody(request: Request, limit: number): Promise<Uint8Array | null> {
  if (request.bodyUsed) {
    return Promise.reject(
      new Error(
        'The request body was already read: `authorize` must not consume it (use request.clone())',
      ),
    )
  }
  return request.body ? readLimited(request.body, limit) : Promise.resolve(EMPTY)
}

/** True in a browser; false during server rendering and in plain Node. */
export const canUseDOM = (): boolean =>
  typeof window !== 'undefined' && typeof window.document !== 'undefined'

/** The default attempt storage. Reading `localStorage` can itself throw (blocked cookies). */
export const getDefaultStorage = (): Storage => window.localStorage

/** `base64url` of `bytes` random bytes from `crypto.getRandomValues`. */
export function randomBase64Url(
  bytes: number,
  crypto: Pick<Crypto, 'getRandomValues'> = globalThis.crypto,
): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes))
  let binary = ''
  for (const byte of buffer) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * True inside a frame (`window.top !== window.self`), and when reading `window.top` throws, as a
 * sandboxed cross-origin frame's may. Google and Microsoft refuse to show consent in a frame.
 */
export function isFramed(win: Pick<Window, 'top' | 'self'> = window): boolean {
  try {
    return win.top !== win.self
  } catch {
    return true
  }
}

/** A `Storage` in memory, for an attempt that must not fail where site storage is blocked. */
export function createMemoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  }
}

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

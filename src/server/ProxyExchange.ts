import type { CappedRead } from './readCapped.js'

/**
 * One incoming request as the proxy core sees it. `createPyasProxy` builds one from a Fetch
 * `Request`; `toNodeHandler` builds one straight from `IncomingMessage` so the Node path skips the
 * `Request`/`Response` round trip. Both feed the same core, so every check is shared.
 */
export interface ProxyExchange {
  readonly method: string
  /** Absolute URL or origin-form path with query. */
  readonly url: string
  /** A request header by lower-case name, or `null`. */
  header(name: string): string | null
  /** The request as a Fetch `Request`, built on first use (for the user's hooks). */
  request(): Request
  /**
   * The body bytes; `'too_large'` as soon as more than `limit` bytes arrive, `'timeout'` when they
   * do not all arrive within `timeoutMs` (reading then stops).
   */
  readBody(limit: number, timeoutMs: number): Promise<CappedRead>
  /** Calls `listener` if the client goes away; returns the unsubscribe function. */
  onAbort(listener: () => void): () => void
  /** Whether the client has gone away. */
  isAborted(): boolean
}

/** What the core answers: a JSON body it built, or a `Response` from `authorize`, sent as is. */
export type ProxyResult =
  | {
      readonly kind: 'json'
      readonly status: number
      readonly body: string
      readonly headers: Readonly<Record<string, string>> | undefined
    }
  | { readonly kind: 'response'; readonly response: Response }

/** The shared request pipeline behind both the Fetch handler and the Node fast path. */
export type ProxyCore = (exchange: ProxyExchange) => Promise<ProxyResult>

/** Where `createPyasProxy` hangs its core on the handler, for `toNodeHandler` to find. */
export const PROXY_CORE: unique symbol = Symbol('pyas.proxyCore')

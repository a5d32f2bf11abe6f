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

// Which handlers are `createPyasProxy`'s, and their cores: kept here rather than on the handler,
// so the function a user holds carries nothing extra.
const cores = new WeakMap<object, ProxyCore>()

/** Records `handler` as running `core`, for `toNodeHandler` to run it on Node requests directly. */
export function registerProxyCore(handler: object, core: ProxyCore): void {
  cores.set(handler, core)
}

/** The core behind a `createPyasProxy` handler; `undefined` for any other handler. */
export function proxyCoreOf(handler: object): ProxyCore | undefined {
  return cores.get(handler)
}

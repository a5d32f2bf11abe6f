/**
 * Stops an upstream call (timeout or client gone). A plain object rather than an `AbortSignal`:
 * the Node transport needs no `EventTarget` per request, which is a measurable share of its cost.
 */
export interface Cancellation {
  aborted: boolean
  /** Set by the transport; called once by `abort()`. */
  onAbort: (() => void) | undefined
}

/** Aborts a cancellation and runs the transport's handler, once. */
export function abortCancellation(cancellation: Cancellation): void {
  if (cancellation.aborted) return
  cancellation.aborted = true
  cancellation.onAbort?.()
}

/** One call to Pyas: `path` is relative to `baseUrl` and includes the query. */
export interface UpstreamRequest {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  readonly cancellation: Cancellation
}

/** Pyas's answer. `body` is only read for 2xx and 4xx statuses (the only ones passed on). */
export interface UpstreamResponse {
  readonly status: number
  readonly body: string
  /** A response header by lower-case name, or `null`. */
  header(name: string): string | null
}

/** Sends one request to Pyas. Rejects when Pyas cannot be reached or the call is cancelled. */
export type UpstreamTransport = (request: UpstreamRequest) => Promise<UpstreamResponse>

/** Pyas answered, but with something the proxy must not pass on (e.g. an oversized body). */
export class BadGatewayError extends Error {
  override name = 'BadGatewayError'
}

/** Pyas's answers are small JSON documents; anything bigger than this is not one. */
export const MAX_UPSTREAM_BYTES = 1024 * 1024

/** Whether the proxy passes this upstream status on (2xx and 4xx) instead of answering 502. */
export function isPassedOnStatus(status: number): boolean {
  return (status >= 200 && status < 300) || (status >= 400 && status < 500)
}

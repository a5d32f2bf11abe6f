import type { PyasAccount, PyasProvider } from '../core/types.js'

/** The two proxied Pyas calls: `GET {provider}/oauth` and `POST {provider}/connect`. */
export type PyasProxyAction = 'oauth' | 'connect'

/** What `authorize` receives for every request that passed routing, method and origin checks. */
export interface PyasAuthorizeContext {
  /** The incoming request (read its cookies or session header; do not consume its body). */
  request: Request
  /** The provider in the path. */
  provider: PyasProvider
  /** The action in the path. */
  action: PyasProxyAction
  /** The `email` query parameter of an `oauth` call for google or microsoft; otherwise `undefined`. */
  email: string | undefined
}

/** What `onConnected` receives beside the account. */
export interface PyasConnectedContext {
  /** The incoming `connect` request (its body has already been read). */
  request: Request
  /** The provider the account was connected with. */
  provider: PyasProvider
}

/** Decides whether a request's `Origin` may use the proxy. */
export type PyasOriginPredicate = (origin: string, request: Request) => boolean

/** The Fetch handler returned by `createPyasProxy`. Mount it for GET and POST. */
export type PyasProxyHandler = (request: Request) => Promise<Response>

/** Options of `createPyasProxy`. Validated once, when the proxy is created. */
export interface PyasProxyOptions {
  /**
   * Your Pyas API key. Read it from the server environment (e.g. `process.env.PYAS_API_KEY`);
   * it is sent upstream as `x-api-key` and never appears in a response.
   */
  apiKey: string
  /**
   * The Pyas API origin (an optional path prefix is kept). Point it at a fake in tests.
   * @defaultValue `'https://api.pyas.io'`
   */
  baseUrl?: string
  /**
   * The providers this proxy serves; the others answer 404.
   * @defaultValue `['google', 'microsoft', 'zoom']`
   */
  providers?: readonly PyasProvider[]
  /**
   * Origins allowed to call the proxy: a list of origins (`'https://app.example.com'`) or a
   * predicate (only a literal `true` allows). When set, a POST must carry an allowed `Origin`; a
   * GET may omit it.
   * @defaultValue `undefined` (no origin check)
   */
  allowedOrigins?: readonly string[] | PyasOriginPredicate
  /**
   * Your access check (say, a session cookie), run after the origin check and before the body is
   * read. Return `true` to continue, `false` for a 403, or a `Response` to send as is; anything
   * else counts as `false`. May be async; a throw is a 500.
   * @defaultValue `undefined` (every request is allowed)
   */
  authorize?: (context: PyasAuthorizeContext) => boolean | Response | Promise<boolean | Response>
  /**
   * Called once after a successful `connect`, before the response is sent. Save
   * `account.accountId` for the signed-in user here. May be async; a throw turns the response into
   * a 500.
   * @defaultValue `undefined`
   */
  onConnected?: (account: PyasAccount, context: PyasConnectedContext) => void | Promise<void>
  /**
   * How long to wait for Pyas's whole answer, in milliseconds, before answering 504.
   * `onConnected` runs after this window and is not bounded by it.
   * @defaultValue `10000`
   */
  timeoutMs?: number
  /**
   * The largest `connect` body accepted, in bytes; a larger body is refused with 413 without being
   * read further.
   * @defaultValue `16384`
   */
  maxBodyBytes?: number
  /**
   * The `fetch` used to call Pyas. By default the proxy uses a keep-alive `node:http(s)` client on
   * Node, Bun and Deno, and the global `fetch` elsewhere.
   * @defaultValue `undefined`
   */
  fetch?: typeof fetch
}

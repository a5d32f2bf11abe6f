import type { ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import type { PyasConnectLinkClaims, PyasConnectLinks } from './createConnectLinks.js'

/**
 * The proxy's routes: `GET {provider}/oauth`, `POST {provider}/connect`, `GET
 * {provider}/calendars` (with `authorizeAccount`) and `POST links` (with `connectLinks`).
 */
export type PyasProxyAction = 'oauth' | 'connect' | 'calendars' | 'links'

/** What `authorize` receives for every request that passed routing, method and origin checks. */
export interface PyasAuthorizeContext {
  /** The incoming request (read its cookies or session header; do not consume its body). */
  request: Request
  /** The provider in the path; `undefined` only for `links` (its provider is in the body). */
  provider: ProviderId | undefined
  /** The action in the path. */
  action: PyasProxyAction
  /** The `email` query parameter of an `oauth` call for google or microsoft; otherwise `undefined`. */
  email: string | undefined
}

/** What `authorizeAccount` receives for a `calendars` call, after `authorize` allowed it. */
export interface PyasAuthorizeAccountContext {
  /** The incoming request. */
  request: Request
  /** The provider in the path: `'google'` or `'microsoft'`. */
  provider: ProviderId
  /** The account the browser names (already checked: 1-200 characters of `[A-Za-z0-9._-]`). */
  accountId: string
  /**
   * The signed-in user, when `authorize` returned `{userId}` (or the link's user, for a request
   * carrying a connect link).
   */
  userId?: string
}

/** What `onConnected` receives beside the account. */
export interface PyasConnectedContext {
  /** The incoming `connect` request (its body has already been read). */
  request: Request
  /** The provider the account was connected with. */
  provider: ProviderId
  /**
   * The signed-in user, when `authorize` returned `{userId}`, or the link's user for a connect
   * made through a connect link: save the account for them.
   */
  userId?: string
  /** The connect link's claims, when the connect was made through one (already spent). */
  link?: PyasConnectLinkClaims
}

/** What `authorize` may return: allow, refuse (403), a `Response` sent as is, or the signed-in user. */
export type PyasAuthorizeResult =
  | boolean
  | Response
  | {
      /** The signed-in user (a non-empty string): passed to `onConnected`. */
      userId: string
    }

/** Decides whether a request's `Origin` may use the proxy. */
export type PyasOriginPredicate = (origin: string, request: Request) => boolean

/** The Fetch handler returned by `createPyasProxy`. Mount it for GET and POST. */
export type PyasProxyHandler = (request: Request) => Promise<Response>

/** Your Pyas API key, or a function that reads it (sync or async) for each request. */
export type PyasApiKey = string | (() => string | Promise<string>)

/**
 * Where the proxy writes what went wrong on your server: `console`, or your logger (pino, winston
 * and the like fit). Messages never contain the API key.
 */
export interface PyasLogger {
  /** A failure the operator should see (a throwing hook, an upstream fault); already redacted. */
  error(message: string, details?: unknown): void
  /** Something odd but handled; already redacted. */
  warn?(message: string, details?: unknown): void
}

/** Options of `createPyasProxy`. Validated once, when the proxy is created. */
export interface PyasProxyOptions {
  /**
   * Your Pyas API key, sent upstream as `x-api-key`; it never appears in a response or a log line.
   * A string (e.g. `process.env.PYAS_API_KEY`) is checked at creation: missing or empty throws, so a
   * misconfigured server fails at start-up. A function (sync or async) is called for every request
   * instead, so keys can rotate and a build step can load the module without the key (e.g.
   * `() => process.env.PYAS_API_KEY!` in a Next.js route handler); when it throws or yields an
   * empty key, the request is answered 500.
   */
  apiKey: PyasApiKey
  /**
   * The Pyas API origin (an optional path prefix is kept). Point it at a fake in tests. An empty
   * string (say, an unset `PYAS_BASE_URL=` line) counts as absent.
   * @defaultValue `'https://api.pyas.io'`
   */
  baseUrl?: string
  /**
   * The providers this proxy serves; the others answer 404.
   * @defaultValue `['google', 'microsoft', 'zoom']`
   */
  providers?: readonly ProviderId[]
  /**
   * Origins allowed to call the proxy: a list of origins (`'https://app.example.com'`) or a
   * predicate (only a literal `true` allows). When set, a POST must carry an allowed `Origin`; a
   * GET may omit it.
   * @defaultValue `undefined` (no origin check)
   */
  allowedOrigins?: readonly string[] | PyasOriginPredicate
  /**
   * Your access check (say, a session cookie), run after the origin check and before the body is
   * read. Return `true` to continue, `{userId}` (a non-empty string) to continue as that signed-in
   * user (it reaches `onConnected`), `false` for a 403, or a `Response` to send as is; anything
   * else counts as `false`. May be async; a throw is a 500.
   * @defaultValue `undefined` (every request is allowed)
   */
  authorize?: (context: PyasAuthorizeContext) => PyasAuthorizeResult | Promise<PyasAuthorizeResult>
  /**
   * Called once after a successful `connect`, before the response is sent, with an account whose
   * `accountId` is a non-empty string and whose `provider` is the route's (any other answer is a
   * 502 and this is not called). Save `account.accountId` for the signed-in user here. May be async; a throw turns the response into
   * a 500.
   * @defaultValue `undefined`
   */
  onConnected?: (account: PyasAccount, context: PyasConnectedContext) => void | Promise<void>
  /**
   * Turns on `GET {mount}/{provider}/calendars?accountId=` (google and microsoft) and decides who
   * may list an account's calendars. The browser names the account, so this is where one user could
   * read another's calendars: return `true` only when `accountId` belongs to the signed-in user
   * (look it up in your own table of connected accounts). Runs after `authorize` and after
   * `accountId` passed its format check; anything but `true` is a 403, a throw is a 500. Only
   * `accountId` travels to Pyas.
   * @defaultValue `undefined` (no calendars route: it answers 404)
   */
  authorizeAccount?: (context: PyasAuthorizeAccountContext) => boolean | Promise<boolean>
  /**
   * Connect links, from `createConnectLinks(...)`. Turns on `POST {mount}/links` (a link for the
   * user `authorize` returned as `{userId}`), and lets a request carrying `x-pyas-link: <token>` be
   * authorized by that link instead of `authorize` (`POST links` itself never is: a link cannot
   * mint links). A tampered, expired or other-provider link is a 403 `{error: "link_invalid"}`.
   *
   * A link is spent by `consume` after Pyas accepted its connect and before `onConnected` runs or
   * the browser hears of it, so a link connects once even when two connects race: the loser gets
   * `link_invalid` and `onConnected` is not called. A failed connect spends nothing (the user may
   * try again). `oauth` and `calendars` calls do not spend it, and cannot tell a used link from a
   * fresh one (`consume` has no read-only lookup): a used link is refused at its connect.
   * @defaultValue `undefined` (no links route; the `x-pyas-link` header is ignored)
   */
  connectLinks?: PyasConnectLinks
  /**
   * How long to wait for Pyas's whole answer, in milliseconds, before answering 504, whatever Pyas
   * answers. The client's `connect` body gets the same time to arrive, else 408.
   * `onConnected` runs after these windows and is not bounded by them.
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
  /**
   * Where the proxy logs the cause of a 500 (a hook or the `apiKey` function threw). It logs
   * through nothing else.
   * @defaultValue `console`
   */
  logger?: PyasLogger
}

import type { PyasAccount, PyasProvider } from '../core/types.js'
import type { FakePyasRequest } from './describeRequest.js'
import type { FailNextOptions, FakePyasFailure } from './failureResponse.js'

/** Options of `createFakePyas()`. */
export interface FakePyasOptions {
  /**
   * Where the consent page sends the user back, like the redirect URL set in the Pyas dashboard.
   * A function gets the consent page's request (for servers that learn their origin at run time).
   * A relative URL resolves against the origin the browser used (its `Host` header, see
   * `trustForwardedHeaders`), not against `request.url`, which some frameworks (Next.js) always
   * put on `localhost`.
   */
  redirectUrl: string | URL | ((request: Request) => string | URL)
  /**
   * The only `x-api-key` accepted. A missing key is always refused.
   * @defaultValue `undefined`: any non-empty key is accepted
   */
  apiKey?: string
  /**
   * Milliseconds each API call waits before it answers (never the consent page).
   * @defaultValue 0
   */
  latencyMs?: number
  /**
   * The app named on the consent page: "<appName> wants to access your Google Calendar".
   * @defaultValue `'Your app'`
   */
  appName?: string
  /**
   * The scopes connected accounts are granted, per provider; `fake.grantScopes()` changes them later.
   * @defaultValue what a real connection grants, e.g. `['meeting:write', 'user:read']` for zoom
   */
  scopes?: Partial<Record<PyasProvider, readonly string[]>>
  /**
   * Take the browser's origin from `x-forwarded-host` and `x-forwarded-proto` (first value each)
   * rather than from `Host` and the request's scheme. Turn it on only behind a reverse proxy that
   * sets them: anyone can send these headers.
   * @defaultValue false
   */
  trustForwardedHeaders?: boolean
}

/** Options of `fake.fetchFor()`. */
export interface FetchForOptions {
  /**
   * The path your app serves the fake's consent routes under, e.g. `'/fake-pyas'` for
   * `/fake-pyas/consent` and `/fake-pyas/consent/decision`.
   * @defaultValue the path prefix of the URL the fake is called on (the proxy's `baseUrl` path)
   */
  mountPath?: string
}

/** Options of `fake.issueCode()`. */
export interface IssueCodeOptions {
  /**
   * The email of the account the code connects.
   * @defaultValue `'test.user@example.com'`, or `'zoom.user@example.com'` for zoom
   */
  email?: string
  /**
   * The OAuth `state` the code belongs to (kept for your assertions; Pyas does not check it).
   * @defaultValue `undefined`
   */
  state?: string
}

/** A `fetch`-compatible function: pass it wherever a `fetch` is expected. */
export type FakePyasFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** An in-memory Pyas. Its functions need no `this`: pass `fake.fetch` around freely. */
export interface FakePyas {
  /** Answers a request like `fetch`, e.g. `createPyasProxy({apiKey, fetch: fake.fetch})`. */
  fetch: FakePyasFetch
  /** Answers a `Request`: a Fetch handler to mount under any path prefix. */
  handle: (request: Request) => Promise<Response>
  /**
   * A `fetch` for one browser request: the consent URLs it returns are on the origin that
   * `request` came to (its `Host`, or the forwarded headers with `trustForwardedHeaders`), under
   * `mountPath`. Give it to a proxy you create for that request, e.g. in a Next.js route handler:
   * `createPyasProxy({apiKey: fake.apiKey, fetch: fake.fetchFor(request, {mountPath: '/fake-pyas'})})`.
   */
  fetchFor: (request: Request, options?: FetchForOptions) => FakePyasFetch
  /** A key this fake accepts: the `apiKey` option, or `'pyas_test_key'` when none was given. */
  readonly apiKey: string
  /** Every request received, oldest first. Keys are never stored. */
  readonly requests: readonly FakePyasRequest[]
  /**
   * The fake's accounts, in the order they first connected: a copy, so later changes to the fake
   * never show up in an array you already hold. A reconnect updates its account in place (same
   * `accountId`); `deleteAccount()` removes it.
   */
  accounts: () => PyasAccount[]
  /**
   * Makes the next API call (or the next one to `options.on`) fail; calls queue, each used once.
   * `500`, `429` and `401` stand for `'server_error'`, `'rate_limited'` and `'unauthorized'`. An
   * unknown kind or a bad option throws a `TypeError`.
   */
  failNext: (kind: FakePyasFailure, options?: FailNextOptions) => void
  /** Sets the scopes new connections of `provider` get; `null` restores the default. */
  grantScopes: (provider: PyasProvider, scopes: readonly string[] | null) => void
  /** Mints a valid single-use code, as if the user had clicked Allow. */
  issueCode: (provider: PyasProvider, options?: IssueCodeOptions) => string
  /** Clicks Allow (default) or Deny on a consent URL; resolves to the URL the user returns to. */
  decide: (consentUrl: string | URL, decision?: 'allow' | 'deny') => Promise<string>
  /** Forgets requests, accounts, codes, queued failures and `grantScopes()` changes. */
  reset: () => void
}

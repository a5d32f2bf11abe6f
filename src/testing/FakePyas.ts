import type { ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import type { FakePyasAccountStatus } from './accountLifecycle.js'
import type { FakePyasWebhook } from './deliverWebhook.js'
import type { FakePyasRequest } from './describeRequest.js'
import type { FailNextOptions, FakePyasFailure } from './failureResponse.js'
import type { FakePyasCalendar } from './fakeCalendars.js'

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
  scopes?: Partial<Record<ProviderId, readonly string[]>>
  /**
   * Take the browser's origin from `x-forwarded-host` and `x-forwarded-proto` (first value each)
   * rather than from `Host` and the request's scheme. Turn it on only behind a reverse proxy that
   * sets them: anyone can send these headers.
   * @defaultValue false
   */
  trustForwardedHeaders?: boolean
  /**
   * Where the fake sends Pyas-shaped webhooks (`POST` with `x-pyas-account-id`,
   * `x-pyas-webhook-event` and `x-provider`), like the URL set in the Pyas dashboard, e.g.
   * `'http://127.0.0.1:3000/api/webhooks/pyas?token=…'`. It must be absolute.
   * @defaultValue `undefined`: no webhooks are sent
   */
  webhookUrl?: string | URL
  /**
   * Sends the webhooks instead of the global `fetch` (looked up at send time), e.g.
   * `(input, init) => webhookHandler(new Request(input, init))` to call a handler in memory.
   * Needs `webhookUrl`.
   * @defaultValue `globalThis.fetch`
   */
  webhookFetch?: FakePyasFetch
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

/** Options of `fake.decide()`. */
export interface DecideOptions {
  /**
   * Allow as another account than the one the consent URL names, as a user who clicks "Use
   * another account" and types this email (the connected account then has it).
   * @defaultValue the email on the consent URL
   */
  email?: string
}

/** A `fetch`-compatible function: pass it wherever a `fetch` is expected. */
export type FakePyasFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** An in-memory Pyas. Its functions need no `this`: pass `fake.fetch` around freely. */
export interface FakePyas {
  /** Answers a request like `fetch`, e.g. `createPyasProxy({apiKey, fetch: fake.fetch})`. */
  fetch: FakePyasFetch
  /**
   * Answers a `Request`: a Fetch handler to mount under any path prefix. The consent URLs it
   * returns and a relative `redirectUrl` use the origin the browser used (`Host`, see
   * `trustForwardedHeaders`); only a request without `Host` falls back to its own URL.
   */
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
  grantScopes: (provider: ProviderId, scopes: readonly string[] | null) => void
  /** Mints a valid single-use code, as if the user had clicked Allow. */
  issueCode: (provider: ProviderId, options?: IssueCodeOptions) => string
  /**
   * Clicks Allow (default) or Deny on a consent URL; resolves to the URL the user returns to.
   * `options.email` allows as another account. A decision other than `'allow'`/`'deny'` or an
   * email that is not one is a `TypeError`.
   */
  decide: (
    consentUrl: string | URL,
    decision?: 'allow' | 'deny',
    options?: DecideOptions,
  ) => Promise<string>
  /**
   * Sets an account's status, as when the user revokes access or changes a password
   * (`'inactive'`), or the grant works again (`'active'`). Sends `account.inactive` or
   * `account.connected` to `webhookUrl`. The change is made at once; the promise settles when the
   * webhook was answered: with the delivery for a 2xx answer, `undefined` when nothing was sent
   * (no `webhookUrl`, or the status was already that). It rejects with a `FakePyasError`:
   * `unknown_account`, or `webhook_failed` (the status stays changed); a bad `status` is a
   * `TypeError`.
   */
  setAccountStatus: (
    accountId: string,
    status: FakePyasAccountStatus,
  ) => Promise<FakePyasWebhook | undefined>
  /**
   * Deletes an account (a later connect of its email gets a new `accountId`) and sends
   * `account.deleted`; settles and rejects as `setAccountStatus()` does.
   */
  deleteAccount: (accountId: string) => Promise<FakePyasWebhook | undefined>
  /**
   * Replaces an account's calendars (each account starts with a primary writable calendar named
   * after its email, a writable shared one and a read-only holidays one), as
   * `GET /{provider}/calendars` then lists them. For a Google account it sends `calendars.created`
   * with the new ids and `calendars.deleted` with the removed ones (Pyas sends neither for
   * Microsoft). Resolves with the webhooks sent, once each was answered; rejects as
   * `setAccountStatus()` does, and with a `TypeError` for a malformed list.
   */
  setCalendars: (
    accountId: string,
    calendars: readonly FakePyasCalendar[],
  ) => Promise<FakePyasWebhook[]>
  /**
   * Sends a calendars or events webhook for an account (Google only for calendars, Google and
   * Microsoft for events), e.g. `fake.sendWebhook(id, 'events.created', {events: [{calendarId,
   * eventId}]})`. Resolves with the delivery once a 2xx answer came; rejects as
   * `setAccountStatus()` does, and with a `TypeError` for a body Pyas would never send or when
   * there is no `webhookUrl`.
   */
  sendWebhook: {
    (
      accountId: string,
      event: 'calendars.created' | 'calendars.deleted',
      body: { calendarIds: string[] },
    ): Promise<FakePyasWebhook>
    (
      accountId: string,
      event: 'events.created' | 'events.updated' | 'events.deleted',
      body: { events: Array<{ calendarId: string; eventId: string }> },
    ): Promise<FakePyasWebhook>
  }
  /** The webhooks sent so far, oldest first, each with the status it was answered with. */
  webhooks: () => FakePyasWebhook[]
  /** Forgets requests, accounts, their calendars, codes, queued failures, `grantScopes()` changes and webhooks. */
  reset: () => void
}

import { delay, type HttpHandler, HttpResponse, http } from 'msw'
import { formatMessage } from '../../src/core/messages.js'
import type {
  ConnectStatus,
  PyasConnectErrorCode,
  PyasMessages,
  PyasProviderId,
} from '../../src/index.js'
import {
  createFakePyas,
  type FailNextOptions,
  type FakePyas,
  type FakePyasFailureKind,
  pyasHandlers,
} from '../../src/testing/index.js'
import { ACCOUNT_EMAIL, type ReturnKind } from './simulateReturn.js'

/** The visible states of a connect button, one story each. */
export type StateName =
  | 'Idle'
  | 'Preparing'
  | 'Redirecting'
  | 'Exchanging'
  | 'Connected'
  | 'Cancelled'
  | 'InvalidEmail'
  | 'Unauthorized'
  | 'RateLimited'
  | 'NetworkError'
  | 'StateMismatch'

/** A proxy the stories' app talks to: a path, the fake Pyas behind it and its msw handlers. */
interface StoryProxy {
  url: string
  fake: FakePyas
  handlers: HttpHandler[]
}

/** How a story reaches its state, always through the library's real code path. */
export interface Scenario {
  name: StateName
  /** The heading in the AllStates grid. */
  title: string
  group: (typeof GROUPS)[number]['id']
  /** The `data-state` the button ends in. */
  status: ConnectStatus
  /** One line on how the story gets there (shown in the AllStates grid). */
  how: string
  proxy: StoryProxy
  /** `click`: the play function clicks; `return`: the page starts as a return from the provider. */
  trigger: 'none' | 'click' | 'return'
  returnKind?: ReturnKind
  /** Inputs that differ from the story's args. */
  args?: { email?: string }
  /** What the polite live region says at the end, in the table in force. */
  announces: (provider: PyasProviderId, messages: PyasMessages) => string
  /** The callback prop the round trip ends in, and the error's `code`. */
  calls?: { handler: 'onConnected' | 'onCancel' | 'onError'; code?: PyasConnectErrorCode }
  /** False for providers where the state cannot happen (Zoom never asks for an email). */
  appliesTo?: (provider: PyasProviderId) => boolean
}

const BRAND: Record<PyasProviderId, string> = {
  google: 'Google',
  microsoft: 'Microsoft',
  zoom: 'Zoom',
}

const currentPage = () => window.location.href

type Extra = (url: string, fake: FakePyas) => HttpHandler[]

function makeProxy(url: string, extra: Extra = () => []): StoryProxy {
  const fake = createFakePyas({ redirectUrl: currentPage })
  // Story-specific handlers go first: msw uses the first that answers, and a resolver that
  // returns nothing (the failure injectors below) falls through to the fake's own routes.
  return { url, fake, handlers: [...extra(url, fake), ...pyasHandlers({ proxyUrl: url, fake })] }
}

/**
 * Every `GET oauth` to the proxy fails with `kind`, injected with the kit's `fake.failNext` once
 * per request rather than once per story: the hover prefetch and the click then both see it,
 * whichever reaches the proxy first.
 */
const failEveryOAuth =
  (kind: FakePyasFailureKind, options: FailNextOptions = {}): Extra =>
  (url, fake) => [
    http.get(`${url}/:provider/oauth`, () => {
      fake.failNext(kind, { ...options, on: 'oauth' })
    }),
  ]

/**
 * The default proxy (`PyasProvider`'s default `/api/pyas`) and one proxy path per failure mode.
 * Separate paths rather than per-story handler overrides because msw-storybook-addon keeps one
 * handler list per document: on a docs page and in the AllStates grid every state must work at once.
 */
export const proxies = {
  default: makeProxy('/api/pyas'),
  /** The consent URL never comes: `preparing` for good. */
  hanging: makeProxy('/api/pyas-hanging', (url) => [
    http.get(`${url}/:provider/oauth`, () => delay('infinite')),
  ]),
  /** The code exchange never answers: `exchanging` for good. */
  exchangeHangs: makeProxy('/api/pyas-exchange-hangs', (url) => [
    http.post(`${url}/:provider/connect`, () => delay('infinite')),
  ]),
  unauthorized: makeProxy('/api/pyas-unauthorized', failEveryOAuth('unauthorized')),
  rateLimited: makeProxy(
    '/api/pyas-rate-limited',
    failEveryOAuth('rate_limited', { retryAfter: 30 }),
  ),
  /** `fetch` rejects, as when the network is down. */
  offline: makeProxy('/api/pyas-offline', (url) => [
    http.get(`${url}/:provider/oauth`, () => HttpResponse.error()),
  ]),
} satisfies Record<string, StoryProxy>

/**
 * The handlers of the failure-mode proxies. The default proxy's are `pyasHandlers({ fake:
 * proxies.default.fake })`, which `.storybook/preview.tsx` registers next to these.
 */
export const failureHandlers: HttpHandler[] = Object.values(proxies)
  .filter((proxy) => proxy !== proxies.default)
  .flatMap((proxy) => proxy.handlers)

const message =
  (code: PyasConnectErrorCode) =>
  (_: PyasProviderId, messages: PyasMessages): string =>
    messages[`error.${code}`]
const fill =
  (key: keyof PyasMessages, values: Record<string, string | number> = {}) =>
  (provider: PyasProviderId, messages: PyasMessages): string =>
    formatMessage(messages[key], { brand: BRAND[provider], ...values })

export const SCENARIOS: Record<StateName, Scenario> = {
  Idle: {
    name: 'Idle',
    title: 'Idle',
    group: 'start',
    status: 'idle',
    how: 'Nothing has happened yet.',
    proxy: proxies.default,
    trigger: 'none',
    announces: () => '',
  },
  Preparing: {
    name: 'Preparing',
    title: 'Preparing',
    group: 'start',
    status: 'preparing',
    how: 'Clicked; the proxy has not sent the consent URL yet.',
    proxy: proxies.hanging,
    trigger: 'click',
    announces: fill('status.redirecting'),
  },
  Redirecting: {
    name: 'Redirecting',
    title: 'Redirecting',
    group: 'start',
    status: 'redirecting',
    how: 'The consent URL is in; the page is leaving for it.',
    proxy: proxies.default,
    trigger: 'click',
    announces: fill('status.redirecting'),
  },
  Exchanging: {
    name: 'Exchanging',
    title: 'Exchanging',
    group: 'return',
    status: 'exchanging',
    how: 'Back with a code; the proxy is still exchanging it.',
    proxy: proxies.exchangeHangs,
    trigger: 'return',
    returnKind: 'allowed',
    announces: fill('status.exchanging'),
  },
  Connected: {
    name: 'Connected',
    title: 'Connected',
    group: 'return',
    status: 'connected',
    how: 'Back with a code; the exchange returned the account.',
    proxy: proxies.default,
    trigger: 'return',
    returnKind: 'allowed',
    calls: { handler: 'onConnected' },
    announces: fill('status.connected', { account: ACCOUNT_EMAIL }),
  },
  Cancelled: {
    name: 'Cancelled',
    title: 'Cancelled',
    group: 'return',
    status: 'cancelled',
    how: 'The user clicked Deny on the consent screen.',
    proxy: proxies.default,
    trigger: 'return',
    returnKind: 'denied',
    calls: { handler: 'onCancel' },
    announces: fill('status.cancelled'),
  },
  InvalidEmail: {
    name: 'InvalidEmail',
    title: 'Invalid email',
    group: 'start',
    status: 'error',
    how: 'Clicked with “ada@example”; nothing was sent.',
    proxy: proxies.default,
    trigger: 'click',
    args: { email: 'ada@example' },
    calls: { handler: 'onError', code: 'invalid_request' },
    announces: fill('field.email.invalid'),
    appliesTo: (provider) => provider !== 'zoom',
  },
  Unauthorized: {
    name: 'Unauthorized',
    title: 'Unauthorized',
    group: 'proxy',
    status: 'error',
    how: 'Pyas answered 401: the server’s API key is wrong.',
    proxy: proxies.unauthorized,
    trigger: 'click',
    calls: { handler: 'onError', code: 'unauthorized' },
    announces: message('unauthorized'),
  },
  RateLimited: {
    name: 'RateLimited',
    title: 'Rate limited',
    group: 'proxy',
    status: 'error',
    how: 'Pyas answered 429 with Retry-After: 30.',
    proxy: proxies.rateLimited,
    trigger: 'click',
    calls: { handler: 'onError', code: 'rate_limited' },
    // With a usable Retry-After the message says how long to wait.
    announces: fill('error.rate_limited.retry', { seconds: 30 }),
  },
  NetworkError: {
    name: 'NetworkError',
    title: 'Network error',
    group: 'proxy',
    status: 'error',
    how: 'The request to the proxy never got an answer.',
    proxy: proxies.offline,
    trigger: 'click',
    calls: { handler: 'onError', code: 'network' },
    announces: message('network'),
  },
  StateMismatch: {
    name: 'StateMismatch',
    title: 'State mismatch',
    group: 'return',
    status: 'error',
    how: 'A callback this browser never started; no request made.',
    proxy: proxies.default,
    trigger: 'return',
    returnKind: 'foreign',
    calls: { handler: 'onError', code: 'state_mismatch' },
    announces: message('state_mismatch'),
  },
}

export const GROUPS = [
  {
    id: 'start',
    title: 'Starting',
    lede: 'From the click until the page leaves. Bad input stops here, before any request.',
  },
  { id: 'return', title: 'Coming back', lede: 'The page loads again with the provider’s answer.' },
  {
    id: 'proxy',
    title: 'Proxy errors',
    lede: 'The click reached your proxy; it answered with an error, or not at all.',
  },
] as const
/** The scenarios that can happen for `provider`, in display order. */
export const scenariosFor = (provider: PyasProviderId): Scenario[] =>
  Object.values(SCENARIOS).filter((scenario) => scenario.appliesTo?.(provider) ?? true)

export const brandOf = (provider: PyasProviderId) => BRAND[provider]

import { deleteAccount, sendWebhook, setAccountStatus } from './accountLifecycle.js'
import type { FakePyasWebhookEvent, WebhookTarget } from './deliverWebhook.js'
import { describeRequest } from './describeRequest.js'
import type {
  DecideOptions,
  FakePyas,
  FakePyasFetch,
  FakePyasOptions,
  FetchForOptions,
} from './FakePyas.js'
import { toQueuedFailure } from './failureResponse.js'
import { setCalendars } from './fakeCalendars.js'
import { type FakePyasState, mintCode } from './fakePyasState.js'
import { type ConsentLocation, handleApiRequest } from './handleApiRequest.js'
import { handleConsentPage, handleDecision } from './handleConsentRequest.js'
import { notFoundResponse } from './jsonResponse.js'
import { PROVIDER_DETAILS } from './providerDetails.js'
import { routeRequest } from './routeRequest.js'
import { sleep } from './sleep.js'
import { isValidEmail } from './validatePyasInput.js'

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text === '' ? undefined : text
  }
}

function checkDecideEmail(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('fake.decide: options must be an object.')
  }
  const { email } = options as DecideOptions
  if (email === undefined) return undefined
  if (typeof email !== 'string' || !isValidEmail(email.trim())) {
    throw new TypeError(
      `fake.decide: \`email\` must be an email address, not ${JSON.stringify(email)}.`,
    )
  }
  return email.trim()
}

function checkViewer(viewer: unknown): Request {
  if (!(viewer instanceof Request)) {
    throw new TypeError('fake.fetchFor: pass the `Request` the browser sent to your route handler.')
  }
  return viewer
}

function checkMountPath(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('fake.fetchFor: options must be an object.')
  }
  const { mountPath } = options as FetchForOptions
  if (mountPath === undefined) return undefined
  const segments = typeof mountPath === 'string' ? mountPath.split('/').slice(1) : []
  if (
    typeof mountPath !== 'string' ||
    !/^(\/[\w.~-]+)*\/?$/.test(mountPath) ||
    segments.some((segment) => segment === '.' || segment === '..')
  ) {
    throw new TypeError(
      `fake.fetchFor: \`mountPath\` must be a path such as '/fake-pyas', not ${JSON.stringify(mountPath)}.`,
    )
  }
  return mountPath.replace(/\/$/, '')
}

function toWebhookTarget(url: unknown, fetch: unknown): WebhookTarget | undefined {
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new TypeError('createFakePyas: `webhookFetch` must be a fetch-like function.')
  }
  if (url === undefined) {
    if (fetch !== undefined) {
      throw new TypeError('createFakePyas: `webhookFetch` needs a `webhookUrl` to send to.')
    }
    return undefined
  }
  const parsed =
    (typeof url === 'string' || url instanceof URL) && URL.canParse(url) ? new URL(url) : null
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError(
      'createFakePyas: `webhookUrl` must be an absolute http(s) URL, like the one set in the Pyas dashboard.',
    )
  }
  return { url: parsed, fetch: fetch as FakePyasFetch | undefined }
}

/** Creates an in-memory Pyas: the documented endpoints, a consent page and failure injection. */
export function createFakePyas(options: FakePyasOptions): FakePyas {
  const {
    redirectUrl,
    apiKey,
    latencyMs = 0,
    appName = 'Your app',
    scopes = {},
    trustForwardedHeaders = false,
    webhookUrl,
    webhookFetch,
  } = options
  if (redirectUrl === undefined || redirectUrl === '') {
    throw new TypeError('createFakePyas: `redirectUrl` is required (where Allow/Deny return to).')
  }
  if (apiKey === '') throw new TypeError('createFakePyas: `apiKey` must not be empty; omit it.')
  if (!(latencyMs >= 0)) throw new TypeError('createFakePyas: `latencyMs` must be 0 or more.')
  if (typeof trustForwardedHeaders !== 'boolean') {
    throw new TypeError('createFakePyas: `trustForwardedHeaders` must be true or false.')
  }

  const state: FakePyasState = {
    apiKey,
    latencyMs,
    appName,
    redirectUrl: typeof redirectUrl === 'function' ? redirectUrl : () => redirectUrl,
    trustForwardedHeaders,
    initialScopes: scopes,
    scopes: new Map(),
    codes: new Map(),
    accounts: [],
    calendars: new Map(),
    failures: [],
    requests: [],
    webhook: toWebhookTarget(webhookUrl, webhookFetch),
    webhooks: [],
  }

  async function serve(request: Request, location: ConsentLocation): Promise<Response> {
    const route = routeRequest(request)
    const fields =
      route.kind !== 'decision'
        ? undefined
        : request.method === 'POST'
          ? new URLSearchParams(await request.text())
          : new URL(request.url).searchParams
    const body =
      route.kind === 'connect'
        ? parseBody(await request.text())
        : fields && Object.fromEntries(fields)
    const entry = describeRequest(request, route, body, apiKey)
    state.requests.push(entry)
    switch (route.kind) {
      case 'oauth':
      case 'connect':
      case 'calendars':
        return handleApiRequest(state, request, route, entry, body, location)
      case 'consent':
        return handleConsentPage(state, request, route.prefix)
      case 'decision':
        return handleDecision(state, request, fields ?? new URLSearchParams())
      default:
        await sleep(latencyMs, request.signal)
        return notFoundResponse()
    }
  }

  const handle = (request: Request) => serve(request, { viewer: request, mountPath: undefined })

  async function decide(
    consentUrl: string | URL,
    decision: 'allow' | 'deny' = 'allow',
    decideOptions: DecideOptions = {},
  ) {
    if (decision !== 'allow' && decision !== 'deny') {
      throw new TypeError(
        `fake.decide: the decision must be 'allow' or 'deny', not ${JSON.stringify(decision)}.`,
      )
    }
    const email = checkDecideEmail(decideOptions)
    const base = typeof location === 'undefined' ? 'http://localhost/' : location.href
    const url = new URL(consentUrl, base)
    const route = routeRequest(new Request(url))
    if (route.kind !== 'consent') {
      throw new TypeError(`fake.decide: ${url.pathname} is not a consent URL from an oauth call.`)
    }
    const fields = new URLSearchParams(url.search)
    fields.set('decision', decision)
    if (email !== undefined) fields.set('email', email)
    const response = await handle(
      new Request(new URL(`${route.prefix}/consent/decision`, url.origin), {
        method: 'POST',
        body: fields,
      }),
    )
    const returnUrl = response.headers.get('location')
    if (!returnUrl)
      throw new Error(`fake.decide: the consent URL was refused (${response.status}).`)
    return returnUrl
  }

  return {
    fetch: async (input, init) => handle(new Request(input, init)),
    handle,
    fetchFor: (viewer, fetchForOptions = {}) => {
      const location = { viewer: checkViewer(viewer), mountPath: checkMountPath(fetchForOptions) }
      return async (input, init) => serve(new Request(input, init), location)
    },
    apiKey: apiKey ?? 'pyas_test_key',
    get requests() {
      return state.requests
    },
    accounts: () => state.accounts.map((account) => ({ ...account, scopes: [...account.scopes] })),
    setAccountStatus: (accountId, status) => setAccountStatus(state, accountId, status),
    deleteAccount: (accountId) => deleteAccount(state, accountId),
    setCalendars: (accountId, calendars) => setCalendars(state, accountId, calendars),
    sendWebhook: ((accountId: string, event: FakePyasWebhookEvent, body: unknown) =>
      sendWebhook(state, accountId, event, body)) as FakePyas['sendWebhook'],
    webhooks: () => state.webhooks.map((webhook) => structuredClone(webhook)),
    failNext: (kind, failNextOptions) => {
      state.failures.push(toQueuedFailure(kind, failNextOptions))
    },
    grantScopes: (provider, granted) => {
      if (granted === null) state.scopes.delete(provider)
      else state.scopes.set(provider, [...granted])
    },
    issueCode: (provider, issueOptions = {}) =>
      mintCode(state, {
        provider,
        email: issueOptions.email ?? PROVIDER_DETAILS[provider].defaultEmail,
        state: issueOptions.state,
      }),
    decide,
    reset: () => {
      state.requests.length = 0
      state.accounts.length = 0
      state.calendars.clear()
      state.failures.length = 0
      state.codes.clear()
      state.scopes.clear()
      state.webhooks.length = 0
    },
  }
}

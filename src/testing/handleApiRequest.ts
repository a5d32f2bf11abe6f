import type { ProviderId } from '../core/providers.js'
import { announceConnected } from './accountLifecycle.js'
import { browserOrigin } from './browserOrigin.js'
import type { FakePyasRequest } from './describeRequest.js'
import { failureResponse, takeFailure } from './failureResponse.js'
import { listCalendars } from './fakeCalendars.js'
import { connectAccount, type FakePyasState } from './fakePyasState.js'
import {
  invalidGrantResponse,
  invalidHostResponse,
  jsonResponse,
  unauthorizedResponse,
  validationResponse,
} from './jsonResponse.js'
import { PROVIDER_DETAILS } from './providerDetails.js'
import { sleep } from './sleep.js'
import { validateConnectBody, validateOAuthQuery } from './validatePyasInput.js'

/** An API route the fake serves. */
export type ApiRoute =
  | { kind: 'oauth' | 'connect'; provider: ProviderId; prefix: string }
  | { kind: 'calendars'; provider: 'google' | 'microsoft'; prefix: string }

/** Whose origin the consent URL is on, and under which path the consent page is mounted. */
export interface ConsentLocation {
  /** The request whose `Host` (or trusted forwarded headers) names the browser's origin. */
  viewer: Request
  /** The path the consent routes live under; `undefined` keeps the called URL's own prefix. */
  mountPath: string | undefined
}

function oauth(
  state: FakePyasState,
  request: Request,
  route: { provider: ProviderId; prefix: string },
  location: ConsentLocation,
): Response {
  const url = new URL(request.url)
  const errors = validateOAuthQuery(route.provider, url.searchParams)
  if (errors.length > 0) return validationResponse(errors)
  const origin = browserOrigin(location.viewer, state.trustForwardedHeaders)
  if (origin === null) return invalidHostResponse()
  const consent = new URL(`${location.mountPath ?? route.prefix}/consent`, origin)
  const email =
    route.provider === 'zoom'
      ? PROVIDER_DETAILS.zoom.defaultEmail
      : (url.searchParams.get('email') ?? PROVIDER_DETAILS[route.provider].defaultEmail)
  const params = new URLSearchParams({ provider: route.provider, email })
  const oauthState = url.searchParams.get('state')
  if (oauthState) params.set('state', oauthState)
  params.set('client', state.appName)
  consent.search = params.toString()
  return jsonResponse(200, { success: true, url: consent.href })
}

async function connect(state: FakePyasState, route: ApiRoute, body: unknown): Promise<Response> {
  const errors = validateConnectBody(body)
  if (errors.length > 0) return validationResponse(errors)
  const { code, name } = body as { code: string; name: string }
  const issued = state.codes.get(code)
  // A code issued for another provider stays usable there, as a real provider would not burn it.
  if (!issued || issued.provider !== route.provider) return invalidGrantResponse()
  state.codes.delete(code)
  const account = connectAccount(state, issued, name)
  const answer = jsonResponse(200, { success: true, data: { account } })
  await announceConnected(state, account)
  return answer
}

/** `GET /{provider}/oauth`, `POST /{provider}/connect` and `GET /{provider}/calendars`: latency,
 * injected failure, key, then the call. */
export async function handleApiRequest(
  state: FakePyasState,
  request: Request,
  route: ApiRoute,
  entry: FakePyasRequest,
  body: unknown,
  location: ConsentLocation,
): Promise<Response> {
  await sleep(state.latencyMs, request.signal)
  const failure = takeFailure(state.failures, route.kind)
  if (failure) {
    const injected = await failureResponse(failure, request.signal)
    if (injected) return injected
  }
  if (!entry.apiKeyValid) return unauthorizedResponse()
  if (route.kind === 'calendars') return listCalendars(state, request, route.provider)
  return route.kind === 'oauth'
    ? oauth(state, request, route, location)
    : connect(state, route, body)
}

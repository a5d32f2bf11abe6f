import { appendParams } from './appendParams.js'
import { browserOrigin } from './browserOrigin.js'
import { consentErrorPage, consentPage } from './consentPage.js'
import { type FakePyasState, grantedScopes, mintCode } from './fakePyasState.js'
import { isProvider, PROVIDER_DETAILS } from './providerDetails.js'

function htmlResponse(status: number, html: string): Response {
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
  })
}

/** `GET {prefix}/consent?provider&email&state&client`: the provider's Allow/Deny screen. */
export function handleConsentPage(
  state: FakePyasState,
  request: Request,
  prefix: string,
): Response {
  const query = new URL(request.url).searchParams
  const provider = query.get('provider')
  if (!isProvider(provider)) {
    return htmlResponse(400, consentErrorPage('The consent URL names no known provider.'))
  }
  return htmlResponse(
    200,
    consentPage({
      appName: query.get('client') || state.appName,
      provider,
      email: query.get('email') || PROVIDER_DETAILS[provider].defaultEmail,
      state: query.get('state') || undefined,
      scopes: grantedScopes(state, provider),
      action: `${prefix}/consent/decision`,
    }),
  )
}

/**
 * `POST {prefix}/consent/decision` (the page's form) or `GET` with the same fields as query:
 * 303 to `redirectUrl` with `code&state`, or `error=access_denied&state` on Deny.
 */
export function handleDecision(
  state: FakePyasState,
  request: Request,
  fields: URLSearchParams,
): Response {
  const provider = fields.get('provider')
  const decision = fields.get('decision')
  if (!isProvider(provider) || (decision !== 'allow' && decision !== 'deny')) {
    return htmlResponse(400, consentErrorPage('The consent form was incomplete.'))
  }
  const oauthState = fields.get('state') || undefined
  const origin = browserOrigin(request, state.trustForwardedHeaders)
  if (origin === null) return htmlResponse(400, consentErrorPage('The Host header names no host.'))
  const target = new URL(state.redirectUrl(request), new URL(new URL(request.url).pathname, origin))
  const params =
    decision === 'allow'
      ? {
          code: mintCode(state, {
            provider,
            email: fields.get('email') || PROVIDER_DETAILS[provider].defaultEmail,
            state: oauthState,
          }),
          state: oauthState,
        }
      : { error: 'access_denied', state: oauthState }
  return new Response(null, {
    status: 303,
    headers: { location: appendParams(target, params), 'cache-control': 'no-store' },
  })
}

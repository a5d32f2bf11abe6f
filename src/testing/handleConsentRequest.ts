import { appendParams } from './appendParams.js'
import { browserOrigin } from './browserOrigin.js'
import { accountChooserPage, consentErrorPage, consentPage } from './consentPage.js'
import { parsePrompt, unknownPromptMessage } from './consentPrompt.js'
import { type FakePyasState, grantedScopes, mintCode } from './fakePyasState.js'
import { isProvider, PROVIDER_DETAILS } from './providerDetails.js'
import { isValidEmail } from './validatePyasInput.js'

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

/**
 * `GET {prefix}/consent?provider&email&state&client&prompt`: the provider's Allow/Deny screen;
 * with `account=other` the "Use another account" chooser, whose Next comes back with
 * `account=chosen` and the typed email.
 */
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
  const prompt = parsePrompt(query.get('prompt'))
  if (prompt === null) {
    return htmlResponse(400, consentErrorPage(unknownPromptMessage(query.get('prompt'))))
  }
  const email = query.get('email')?.trim() ?? ''
  const props = {
    appName: query.get('client') || state.appName,
    provider,
    email: email || PROVIDER_DETAILS[provider].defaultEmail,
    state: query.get('state') || undefined,
    prompt,
    scopes: grantedScopes(state, provider),
    action: `${prefix}/consent/decision`,
    consentPath: `${prefix}/consent`,
  }
  const account = query.get('account')
  if (account === 'other') return htmlResponse(200, accountChooserPage({ ...props, email: '' }))
  if (account === 'chosen' && !isValidEmail(email)) {
    const error = email ? 'Enter a valid email address.' : 'Enter an email address.'
    return htmlResponse(400, accountChooserPage({ ...props, email, error }))
  }
  return htmlResponse(200, consentPage(props))
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
            email: fields.get('email')?.trim() || PROVIDER_DETAILS[provider].defaultEmail,
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

import type { PyasProvider } from '../core/types.js'
import { consentStyles } from './consentStyles.js'
import { escapeHtml } from './escapeHtml.js'
import { PROVIDER_DETAILS } from './providerDetails.js'
import { describeScope } from './scopeDescriptions.js'

/** What the consent page shows and posts back. Every field is escaped before it is echoed. */
export interface ConsentPageProps {
  appName: string
  provider: PyasProvider
  email: string
  state: string | undefined
  scopes: readonly string[]
  /** Where the Allow/Deny form posts. */
  action: string
}

function layout(title: string, accent: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${consentStyles(accent)}</style>
</head>
<body>
<main aria-labelledby="title">
${body}
</main>
</body>
</html>
`
}

function hidden(name: string, value: string | undefined): string {
  return value ? `<input type="hidden" name="${name}" value="${escapeHtml(value)}">` : ''
}

function scopeItem(scope: string): string {
  const description = describeScope(scope)
  return description
    ? `<li>${escapeHtml(description)}<code>${escapeHtml(scope)}</code></li>`
    : `<li><code>${escapeHtml(scope)}</code></li>`
}

/** The fake provider's consent screen: who asks, for which account, which scopes, Allow/Deny. */
export function consentPage(props: ConsentPageProps): string {
  const details = PROVIDER_DETAILS[props.provider]
  const heading = `${props.appName} wants to access your ${details.displayName}`
  const scopes = props.scopes.length
    ? `<ul>${props.scopes.map(scopeItem).join('')}</ul>`
    : '<p>No permissions: the account will be connected without any scope.</p>'
  return layout(
    `${heading} – Sign in with ${details.company}`,
    details.accent,
    `<p class="brand"><span class="logo" aria-hidden="true">${escapeHtml(details.company[0] ?? '')}</span>Sign in with ${escapeHtml(details.company)}</p>
<h1 id="title">${escapeHtml(heading)}</h1>
<p class="account"><span class="avatar" aria-hidden="true">${escapeHtml(props.email.charAt(0).toUpperCase())}</span><span>Signed in as <strong>${escapeHtml(props.email)}</strong></span></p>
<h2>This will allow ${escapeHtml(props.appName)} to:</h2>
${scopes}
<p class="note">Test page served by <code>@pyas/react/testing</code>. No real account is connected.</p>
<form method="post" action="${escapeHtml(props.action)}">
${hidden('provider', props.provider)}${hidden('email', props.email)}${hidden('state', props.state)}${hidden('client', props.appName)}
<div class="actions">
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
<button type="submit" name="decision" value="allow" class="allow">Allow</button>
</div>
</form>`,
  )
}

/** A page for a consent URL the fake cannot serve (e.g. an unknown provider). */
export function consentErrorPage(message: string): string {
  return layout(
    'Pyas test consent page',
    '#5f6368',
    `<h1 id="title">Cannot show this consent page</h1>\n<p>${escapeHtml(message)}</p>`,
  )
}

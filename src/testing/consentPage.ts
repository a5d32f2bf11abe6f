import type { ProviderId } from '../core/providers.js'
import { describePrompt } from './consentPrompt.js'
import { consentStyles } from './consentStyles.js'
import { escapeHtml } from './escapeHtml.js'
import { PROVIDER_DETAILS } from './providerDetails.js'
import { describeScope } from './scopeDescriptions.js'

/** What the consent page and its account chooser show and send on. Every field is escaped. */
export interface ConsentPageProps {
  appName: string
  provider: ProviderId
  email: string
  state: string | undefined
  /** The `prompt` values on the consent URL, kept through the account chooser. */
  prompt: readonly string[]
  scopes: readonly string[]
  /** Where the Allow/Deny form posts. */
  action: string
  /** The consent page's own path, where "Use another account" and the chooser's Next go. */
  consentPath: string
}

/** The account chooser: the consent page's fields, plus a message for an email it refused. */
export interface AccountChooserProps extends ConsentPageProps {
  error?: string
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

/** The fields that make a consent URL, so each form lands back on the same consent. */
function consentFields(props: ConsentPageProps): string {
  return `${hidden('provider', props.provider)}${hidden('state', props.state)}${hidden('client', props.appName)}${hidden('prompt', props.prompt.join(' '))}`
}

function scopeItem(scope: string): string {
  const description = describeScope(scope)
  return description
    ? `<li>${escapeHtml(description)}<code>${escapeHtml(scope)}</code></li>`
    : `<li><code>${escapeHtml(scope)}</code></li>`
}

function brand(props: ConsentPageProps): string {
  const { company } = PROVIDER_DETAILS[props.provider]
  return `<p class="brand"><span class="logo" aria-hidden="true">${escapeHtml(company[0] ?? '')}</span>Sign in with ${escapeHtml(company)}</p>`
}

function heading(props: ConsentPageProps): string {
  return `${props.appName} wants to access your ${PROVIDER_DETAILS[props.provider].displayName}`
}

function promptLine(props: ConsentPageProps): string {
  if (props.prompt.length === 0) return ''
  return `\n<p class="prompt">The app asked ${escapeHtml(PROVIDER_DETAILS[props.provider].company)} to ${escapeHtml(describePrompt(props.prompt))} (<code>prompt=${escapeHtml(props.prompt.join(' '))}</code>).</p>`
}

/** The fake provider's consent screen: who asks, for which account, which scopes, Allow/Deny. */
export function consentPage(props: ConsentPageProps): string {
  const details = PROVIDER_DETAILS[props.provider]
  const scopes = props.scopes.length
    ? `<ul>${props.scopes.map(scopeItem).join('')}</ul>`
    : '<p>No permissions: the account will be connected without any scope.</p>'
  return layout(
    `${heading(props)} – Sign in with ${details.company}`,
    details.accent,
    `${brand(props)}
<h1 id="title">${escapeHtml(heading(props))}</h1>
<div class="account-row">
<p class="account"><span class="avatar" aria-hidden="true">${escapeHtml(props.email.charAt(0).toUpperCase())}</span><span>Signed in as <strong>${escapeHtml(props.email)}</strong></span></p>
<form method="get" action="${escapeHtml(props.consentPath)}">
${consentFields(props)}<button type="submit" name="account" value="other" class="other">Use another account</button>
</form>
</div>${promptLine(props)}
<h2>This will allow ${escapeHtml(props.appName)} to:</h2>
${scopes}
<p class="note">Test page served by <code>@pyas/react/testing</code>. No real account is connected.</p>
<form method="post" action="${escapeHtml(props.action)}">
${consentFields(props)}${hidden('email', props.email)}
<div class="actions">
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
<button type="submit" name="decision" value="allow" class="allow">Allow</button>
</div>
</form>`,
  )
}

/**
 * "Use another account": an email field whose Next button opens the consent page again for that
 * email, so the account Allow connects differs from the one the app asked for.
 */
export function accountChooserPage(props: AccountChooserProps): string {
  const details = PROVIDER_DETAILS[props.provider]
  const invalid = props.error
    ? ` aria-invalid="true" aria-describedby="email-error" value="${escapeHtml(props.email)}"`
    : ''
  const error = props.error
    ? `\n<p id="email-error" class="error">${escapeHtml(props.error)}</p>`
    : ''
  return layout(
    `Use another account – Sign in with ${details.company}`,
    details.accent,
    `${brand(props)}
<h1 id="title">Use another account</h1>
<p>to continue to ${escapeHtml(props.appName)}, which wants to access your ${escapeHtml(details.displayName)}.</p>${promptLine(props)}
<form method="get" action="${escapeHtml(props.consentPath)}" novalidate>
${consentFields(props)}<input type="hidden" name="account" value="chosen">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required autofocus${invalid}>${error}
<div class="actions">
<button type="submit" class="allow">Next</button>
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

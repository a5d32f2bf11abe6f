import type { ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import type { FakePyasWebhook, WebhookTarget } from './deliverWebhook.js'
import type { FakePyasRequest } from './describeRequest.js'
import type { QueuedFailure } from './failureResponse.js'
import type { FakePyasCalendar } from './fakeCalendars.js'
import { PROVIDER_DETAILS } from './providerDetails.js'
import { randomAccountId, randomBase36 } from './randomIds.js'

/** What a code was issued for; the connect call turns it into an account. */
export interface IssuedCode {
  provider: ProviderId
  email: string
  state: string | undefined
}

/** Everything one fake remembers between requests. */
export interface FakePyasState {
  apiKey: string | undefined
  latencyMs: number
  appName: string
  redirectUrl: (request: Request) => string | URL
  trustForwardedHeaders: boolean
  initialScopes: Partial<Record<ProviderId, readonly string[]>>
  scopes: Map<ProviderId, readonly string[]>
  codes: Map<string, IssuedCode>
  accounts: PyasAccount[]
  /** Calendars set with `fake.setCalendars()`, by account id; other accounts have the defaults. */
  calendars: Map<string, FakePyasCalendar[]>
  failures: QueuedFailure[]
  requests: FakePyasRequest[]
  /** Where webhooks go; `undefined` without a `webhookUrl`. */
  webhook: WebhookTarget | undefined
  webhooks: FakePyasWebhook[]
}

/** The scopes a new connection of `provider` is granted right now. */
export function grantedScopes(state: FakePyasState, provider: ProviderId): string[] {
  const override = state.scopes.get(provider)
  return [...(override ?? state.initialScopes[provider] ?? PROVIDER_DETAILS[provider].scopes)]
}

/** Issues a single-use code, as the provider does when the user clicks Allow. */
export function mintCode(state: FakePyasState, issued: IssuedCode): string {
  const code = `${issued.provider}_code_${randomBase36(32)}`
  state.codes.set(code, issued)
  return code
}

/**
 * Connects (or reconnects, keeping its id and making it `active` again) the account a code was
 * issued for. That Pyas keeps the `accountId` when the same email connects the same provider again
 * is an assumption: its docs do not say.
 */
export function connectAccount(
  state: FakePyasState,
  issued: IssuedCode,
  name: string,
): PyasAccount {
  const existing = state.accounts.findIndex(
    (account) => account.provider === issued.provider && account.email === issued.email,
  )
  const account: PyasAccount = {
    accountId: state.accounts[existing]?.accountId ?? randomAccountId(),
    email: issued.email,
    name,
    provider: issued.provider,
    status: 'active',
    scopes: grantedScopes(state, issued.provider),
  }
  if (existing === -1) state.accounts.push(account)
  else state.accounts[existing] = account
  return account
}

import type { ProviderId } from '../core/providers.js'
import type { FakePyasFetch } from './FakePyas.js'
import { FakePyasError } from './FakePyasError.js'
import { PROVIDER_DETAILS } from './providerDetails.js'

/** The triggers Pyas sends webhooks for. */
export type FakePyasWebhookEvent =
  | 'account.connected'
  | 'account.inactive'
  | 'account.deleted'
  | 'calendars.created'
  | 'calendars.deleted'
  | 'events.created'
  | 'events.updated'
  | 'events.deleted'

/** One webhook the fake sent, as `fake.webhooks()` lists it. */
export interface FakePyasWebhook {
  /** The trigger, sent as `x-pyas-webhook-event`. */
  event: FakePyasWebhookEvent
  /** The account, sent as `x-pyas-account-id`. */
  accountId: string
  /** The account's provider, sent as `x-provider` (`Google`, `Microsoft` or `Zoom`). */
  provider: ProviderId
  /** The JSON body of a calendars or events webhook; account webhooks have an empty body. */
  body?: unknown
  /** The HTTP status the receiver answered; absent when the request itself failed. */
  status?: number
  /** Whether the receiver answered with a 2xx status. */
  ok: boolean
}

/** Where the fake sends its webhooks. */
export interface WebhookTarget {
  url: URL
  fetch: FakePyasFetch | undefined
}

/** The webhook URL without its query: the query usually holds the receiver's secret. */
function printable(url: URL): string {
  return `${url.origin}${url.pathname}`
}

/**
 * POSTs one Pyas-shaped webhook and waits for the answer. The delivery is logged either way;
 * anything but a 2xx answer rejects with a `webhook_failed` {@link FakePyasError}.
 */
export async function deliverWebhook(
  target: WebhookTarget,
  log: FakePyasWebhook[],
  webhook: Omit<FakePyasWebhook, 'status' | 'ok'>,
  caller: string,
): Promise<FakePyasWebhook> {
  const headers: Record<string, string> = {
    'x-pyas-account-id': webhook.accountId,
    'x-pyas-webhook-event': webhook.event,
    'x-provider': PROVIDER_DETAILS[webhook.provider].company,
  }
  if (webhook.body !== undefined) headers['content-type'] = 'application/json'
  const init: RequestInit = { method: 'POST', headers }
  if (webhook.body !== undefined) init.body = JSON.stringify(webhook.body)
  const entry: FakePyasWebhook = { ...webhook, ok: false }
  log.push(entry)
  const what = `${caller}: the ${webhook.event} webhook to ${printable(target.url)}`
  // Read at send time, so a fetch that tests replace (msw, vi.stubGlobal) after creation is used.
  const send = target.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await send(target.url.href, init)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new FakePyasError('webhook_failed', `${what} could not be sent (${reason}).`, {
      accountId: webhook.accountId,
      cause,
    })
  }
  await response.body?.cancel().catch(() => undefined)
  entry.status = response.status
  entry.ok = response.ok
  if (!response.ok) {
    throw new FakePyasError('webhook_failed', `${what} was answered ${response.status}.`, {
      accountId: webhook.accountId,
      status: response.status,
    })
  }
  return { ...entry }
}

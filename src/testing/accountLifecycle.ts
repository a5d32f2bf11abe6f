import type { PyasAccount } from '../core/types.js'
import {
  deliverWebhook,
  type FakePyasWebhook,
  type FakePyasWebhookEvent,
} from './deliverWebhook.js'
import { FakePyasError } from './FakePyasError.js'
import type { FakePyasState } from './fakePyasState.js'
import { validateWebhookBody } from './validateWebhookBody.js'

/** The statuses `fake.setAccountStatus()` can set. */
export type FakePyasAccountStatus = 'active' | 'inactive'

export function findAccount(state: FakePyasState, accountId: unknown, caller: string): PyasAccount {
  if (typeof accountId !== 'string' || accountId === '') {
    throw new TypeError(`${caller}: \`accountId\` must be a non-empty string.`)
  }
  const account = state.accounts.find((candidate) => candidate.accountId === accountId)
  if (!account) {
    throw new FakePyasError('unknown_account', `${caller}: no account has the id "${accountId}".`, {
      accountId,
    })
  }
  return account
}

export function send(
  state: FakePyasState,
  account: PyasAccount,
  event: FakePyasWebhookEvent,
  caller: string,
  body?: unknown,
): Promise<FakePyasWebhook | undefined> {
  if (!state.webhook) return Promise.resolve(undefined)
  const webhook = { event, accountId: account.accountId, provider: account.provider }
  return deliverWebhook(
    state.webhook,
    state.webhooks,
    body === undefined ? webhook : { ...webhook, body },
    caller,
  )
}

/**
 * Sets an account's status, as when its grant breaks (`inactive`) or comes back (`active`), and
 * sends `account.inactive` or `account.connected` (Pyas documents no other event for an account
 * that works again; a reconnect sends `account.connected` too). Setting the status it already has
 * changes and sends nothing.
 */
export async function setAccountStatus(
  state: FakePyasState,
  accountId: string,
  status: FakePyasAccountStatus,
): Promise<FakePyasWebhook | undefined> {
  const caller = 'fake.setAccountStatus'
  if (status !== 'active' && status !== 'inactive') {
    throw new TypeError(
      `${caller}: \`status\` must be 'inactive' or 'active', not ${JSON.stringify(status)}.`,
    )
  }
  const account = findAccount(state, accountId, caller)
  if (account.status === status) return undefined
  account.status = status
  return send(
    state,
    account,
    status === 'inactive' ? 'account.inactive' : 'account.connected',
    caller,
  )
}

/** Removes an account (a later connect of the same email gets a new id) and sends `account.deleted`. */
export async function deleteAccount(
  state: FakePyasState,
  accountId: string,
): Promise<FakePyasWebhook | undefined> {
  const caller = 'fake.deleteAccount'
  const account = findAccount(state, accountId, caller)
  state.accounts.splice(state.accounts.indexOf(account), 1)
  return send(state, account, 'account.deleted', caller)
}

/** Sends a calendars or events webhook for an account, after checking its documented shape. */
export async function sendWebhook(
  state: FakePyasState,
  accountId: string,
  event: FakePyasWebhookEvent,
  body: unknown,
): Promise<FakePyasWebhook> {
  const caller = 'fake.sendWebhook'
  const account = findAccount(state, accountId, caller)
  const checked = validateWebhookBody(event, account.provider, body, caller)
  if (!state.webhook) {
    throw new TypeError(`${caller}: the fake has no \`webhookUrl\` to send to.`)
  }
  return (await send(state, account, event, caller, checked)) as FakePyasWebhook
}

/**
 * `account.connected` after a connect, waited for so a test sees it once the connect call is
 * answered. A receiver that fails never fails the connect (Pyas would not undo it); the failure
 * shows in `fake.webhooks()` with `ok: false`.
 */
export async function announceConnected(state: FakePyasState, account: PyasAccount): Promise<void> {
  try {
    await send(state, account, 'account.connected', 'connect')
  } catch {
    // Logged by deliverWebhook.
  }
}

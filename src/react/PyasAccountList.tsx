'use client'
import { type ReactNode, useId } from 'react'
import type { CallbackHandlers } from '../core/client.js'
import { enAccountList } from '../core/messages.js'
import { isProviderId, type ProviderId } from '../core/providers.js'
import { ConnectButton } from './ConnectButton.js'
import { ProviderIcon } from './ProviderIcon.js'
import { PROVIDER_INFO } from './providers.js'
import type { UsePyasConnectOptions } from './usePyasConnect.js'
import { usePyasMessages } from './usePyasMessages.js'

/** An account as the app saved it (from its own server: Pyas has no endpoint to list accounts). */
export interface PyasSavedAccount {
  /** The `accountId` Pyas gave the account, as the app saved it. */
  accountId: string
  /** The account's email, shown in the row (else the name). */
  email?: string
  /** The account's name, shown when there is no email. */
  name?: string
  /**
   * The provider as saved. The list does not trust it: a value the library does not know (`apple`,
   * `constructor`, a typo in the app's database) is shown as it is, with no reconnect button.
   */
  provider: ProviderId
  /** Pyas's status: `active`, or `inactive` once the grant broke (password change, revoked access). */
  status: string
}

/** Props of {@link PyasAccountList}. */
export interface PyasAccountListProps
  extends Pick<
    UsePyasConnectOptions,
    'mode' | 'returnTo' | 'inAppBrowser' | 'onError' | 'onEvent'
  > {
  /** The accounts to show, in this order. The list fetches nothing: the app owns it. */
  accounts: readonly PyasSavedAccount[]
  /** The user's name, sent when a row is reconnected. Required to reconnect. */
  name?: string
  /** The user's email for reconnecting; defaults to each row's own email. */
  email?: string
  /** Called once a row's account is connected again; `context.replaces` is that row's `accountId`. */
  onReconnected?: CallbackHandlers['onConnected']
  /** Adds a "Disconnect" button to each row, calling this with the row's account. */
  onDisconnect?: (account: PyasSavedAccount) => void
  /** Extra controls rendered inside each row, after the built-in ones. */
  actions?: (account: PyasSavedAccount) => ReactNode
  /** Shown when `accounts` is empty. @defaultValue the `account.empty` message, "No calendar connected yet." */
  emptyText?: ReactNode
  /** Drops the default look (class `pyas-accounts`, the buttons' look). @defaultValue `false` */
  unstyled?: boolean
  /** Class names added to the list (kept with `unstyled`). */
  className?: string
}

/**
 * The accounts the app saved, one row each: the provider's mark and name, the email (else the
 * name) and a status text. An `inactive` row offers "Reconnect …" for its provider, reconnecting
 * that account (`savedAccount`), so the app updates the row in `onReconnected` instead of adding one.
 */
export function PyasAccountList(props: PyasAccountListProps) {
  const { accounts, name, email, onReconnected, onDisconnect, actions, emptyText } = props
  const { mode, returnTo, inAppBrowser, onError, onEvent, unstyled = false, className } = props
  const text = usePyasMessages(enAccountList)
  const id = useId()
  const classes =
    [unstyled ? '' : 'pyas-accounts', className].filter(Boolean).join(' ') || undefined
  if (accounts.length === 0) {
    return <p className={classes}>{emptyText ?? text['account.empty']}</p>
  }
  // Rows come from the app's database, so none is trusted: every value is checked before it is
  // shown, and a row that is not an object is skipped, so one odd row never breaks the others.
  const keys = new Set<string>()
  return (
    <ul className={classes}>
      {accounts.map((account, index) => {
        if (typeof account !== 'object' || account === null) return null
        const accountId = textOf(account.accountId)
        const provider = textOf(account.provider)
        const status = textOf(account.status)
        // Only an own key of the provider table is a provider: `constructor` or `__proto__` is not.
        const known = isProviderId(provider) ? provider : undefined
        const label =
          status === 'active' || status === 'inactive' ? text[`account.${status}`] : status
        let key = accountId || `#${index}`
        if (keys.has(key)) key = `${key}#${index}`
        keys.add(key)
        // Two rows' "Disconnect" (or "Reconnect Google Calendar") buttons share a name: each is
        // described by its row's provider and email, so a screen reader can tell them apart.
        const who = `${id}${index}`
        return (
          <li
            key={key}
            data-status={status}
            data-provider={provider}
            className="pyas-accounts__row"
          >
            {!unstyled && known && (
              <ProviderIcon mark={PROVIDER_INFO[known].mark} className="pyas-accounts__icon" />
            )}
            <span className="pyas-accounts__who" id={who}>
              <span className="pyas-accounts__provider">
                {known ? text[`provider.${known}`] : provider}
              </span>{' '}
              <span className="pyas-accounts__email">
                {textOf(account.email) || textOf(account.name)}
              </span>
            </span>
            <span className="pyas-accounts__status">{label}</span>
            {status === 'inactive' && known && accountId && (
              // One flex item for the button and its status line.
              <span className="pyas-accounts__reconnect">
                <ConnectButton
                  aria-describedby={who}
                  provider={known}
                  name={name}
                  email={email}
                  savedAccount={{ accountId, email: textOf(account.email) || undefined }}
                  mode={mode}
                  returnTo={returnTo}
                  inAppBrowser={inAppBrowser}
                  onConnected={onReconnected}
                  onError={onError}
                  onEvent={onEvent}
                  unstyled={unstyled}
                />
              </span>
            )}
            {onDisconnect && (
              <button
                type="button"
                aria-describedby={who}
                className={unstyled ? undefined : 'pyas-accounts__disconnect'}
                onClick={() => onDisconnect(account)}
              >
                {text['account.disconnect']}
              </button>
            )}
            {actions?.(account)}
          </li>
        )
      })}
    </ul>
  )
}

/** A row's value as text: a string as it is, a finite number in digits, anything else empty. */
const textOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : ''

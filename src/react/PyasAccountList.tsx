'use client'
import { type ReactNode, useId } from 'react'
import type { CallbackHandlers } from '../core/client.js'
import { enAccountList } from '../core/messages.js'
import type { ProviderId } from '../core/providers.js'
import { ConnectButton } from './ConnectButton.js'
import { ProviderIcon } from './ProviderIcon.js'
import { PROVIDER_INFO } from './providers.js'
import type { UsePyasConnectOptions } from './usePyasConnect.js'
import { usePyasMessages } from './usePyasMessages.js'

/** An account as the app saved it (from its own server: Pyas has no endpoint to list accounts). */
export interface PyasSavedAccount {
  accountId: string
  email?: string
  name?: string
  provider: ProviderId
  /** Pyas's status: `active`, or `inactive` once the grant broke (password change, revoked access). */
  status: string
}

/** Props of {@link PyasAccountList}. */
export interface PyasAccountListProps
  extends Pick<UsePyasConnectOptions, 'mode' | 'returnTo' | 'onError' | 'onEvent'> {
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
  className?: string
}

/**
 * The accounts the app saved, one row each: the provider's mark and name, the email (else the
 * name) and a status text. An `inactive` row offers "Reconnect …" for its provider, reconnecting
 * that account (`savedAccount`), so the app updates the row in `onReconnected` instead of adding one.
 */
export function PyasAccountList(props: PyasAccountListProps) {
  const { accounts, name, email, onReconnected, onDisconnect, actions, emptyText } = props
  const { mode, returnTo, onError, onEvent, unstyled = false, className } = props
  const text = usePyasMessages(enAccountList)
  const id = useId()
  const classes =
    [unstyled ? '' : 'pyas-accounts', className].filter(Boolean).join(' ') || undefined
  if (accounts.length === 0) {
    return <p className={classes}>{emptyText ?? text['account.empty']}</p>
  }
  return (
    <ul className={classes}>
      {accounts.map((account) => {
        const { accountId, provider, status } = account
        const label =
          status === 'active' || status === 'inactive' ? text[`account.${status}`] : status
        // Two rows' "Disconnect" (or "Reconnect Google Calendar") buttons share a name: each is
        // described by its row's provider and email, so a screen reader can tell them apart.
        const who = `${id}${accountId}`
        return (
          <li
            key={accountId}
            data-status={status}
            data-provider={provider}
            className="pyas-accounts__row"
          >
            {!unstyled && PROVIDER_INFO[provider] && (
              <ProviderIcon mark={PROVIDER_INFO[provider].mark} className="pyas-accounts__icon" />
            )}
            <span className="pyas-accounts__who" id={who}>
              <span className="pyas-accounts__provider">
                {text[`provider.${provider}`] ?? provider}
              </span>{' '}
              <span className="pyas-accounts__email">{account.email || account.name}</span>
            </span>
            <span className="pyas-accounts__status">{label}</span>
            {status === 'inactive' && (
              // One flex item for the button and its status line.
              <span className="pyas-accounts__reconnect">
                <ConnectButton
                  aria-describedby={who}
                  provider={provider}
                  name={name}
                  email={email}
                  savedAccount={account}
                  mode={mode}
                  returnTo={returnTo}
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

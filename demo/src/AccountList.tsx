import {
  type ConnectedContext,
  type ConnectModeOption,
  type PyasAccount,
  PyasAccountList,
  type PyasCalendarProvider,
  type PyasConnectError,
  type PyasEvent,
  type PyasSavedAccount,
} from '../../src/index.js'
import type { StoredAccount } from './api.js'
import { CalendarsControl } from './CalendarsControl.js'

const isCalendarProvider = (provider: string): provider is PyasCalendarProvider =>
  provider === 'google' || provider === 'microsoft'

interface AccountListProps {
  /** From the server (GET /api/accounts); `undefined` while loading. */
  accounts: StoredAccount[] | undefined
  loadError: boolean
  name: string
  mode: ConnectModeOption
  /** Offline: each active row gets "Revoke access (simulate)". */
  canSimulateRevoke: boolean
  revoking: string | undefined
  onRevoke: (accountId: string) => void
  onDisconnect: (accountId: string) => void
  onReconnected: (account: PyasAccount, context: ConnectedContext) => void
  onError: (error: PyasConnectError) => void
  onEvent: (event: PyasEvent) => void
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * The accounts saved for this user on the server, shown with the library's `PyasAccountList`: an
 * inactive row (its grant broke, as a webhook told the server) offers "Reconnect …" for it.
 */
export function AccountList(props: AccountListProps) {
  const { accounts, loadError, name, mode, canSimulateRevoke, revoking } = props
  const { onRevoke, onDisconnect, onReconnected, onError, onEvent } = props
  const saved: PyasSavedAccount[] = (accounts ?? []).map((account) => ({
    accountId: account.accountId,
    provider: account.provider,
    status: account.status,
    ...(account.email ? { email: account.email } : {}),
    ...(account.name ? { name: account.name } : {}),
  }))
  const byId = new Map((accounts ?? []).map((account) => [account.accountId, account]))
  return (
    <section className="card" aria-labelledby="accounts-heading" aria-busy={!accounts}>
      <h2 id="accounts-heading">
        Connected accounts <span className="count">{accounts?.length ?? 0}</span>
      </h2>
      <p className="card__hint">
        Saved on the server for you; status changes arrive as Pyas webhooks.
      </p>
      {loadError && <p className="warning">Could not load your accounts. Retrying…</p>}
      {accounts && (
        <PyasAccountList
          className="accounts"
          accounts={saved}
          name={name}
          mode={mode}
          onReconnected={onReconnected}
          onError={onError}
          onEvent={onEvent}
          onDisconnect={(account) => onDisconnect(account.accountId)}
          emptyText={
            <span className="empty">
              No calendar connected yet. Connect one above to see it here.
            </span>
          }
          actions={(account) => {
            const stored = byId.get(account.accountId)
            return (
              <>
                <span className="account__extra">
                  <code className="account__id" title="accountId">
                    {account.accountId}
                  </code>
                  {stored && (
                    <span className="account__when">
                      Connected {when.format(new Date(stored.connectedAt))}
                    </span>
                  )}
                  {canSimulateRevoke && account.status === 'active' && (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      disabled={revoking === account.accountId}
                      onClick={() => onRevoke(account.accountId)}
                    >
                      Revoke access (simulate)
                    </button>
                  )}
                </span>
                {isCalendarProvider(account.provider) && account.status === 'active' && (
                  <CalendarsControl
                    account={{ ...account, provider: account.provider }}
                    canSimulate={canSimulateRevoke}
                  />
                )}
              </>
            )
          }}
        />
      )}
    </section>
  )
}

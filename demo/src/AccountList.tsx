import type { PyasProviderId } from '../../src/index.js'
import { PROVIDER_NAMES, type SavedAccount } from './demoTypes.js'

interface AccountListProps {
  accounts: SavedAccount[]
  onDisconnect: (accountId: string) => void
  onReconnect: (provider: PyasProviderId) => void
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** The accounts this user connected, as the product would list them from its own database. */
export function AccountList({ accounts, onDisconnect, onReconnect }: AccountListProps) {
  return (
    <section className="card" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">
        Connected accounts <span className="count">{accounts.length}</span>
      </h2>
      {accounts.length === 0 ? (
        <p className="empty">No calendar connected yet. Connect one above to see it here.</p>
      ) : (
        <ul className="accounts">
          {accounts.map((account) => (
            <li
              key={account.accountId}
              className="account"
              data-provider={account.provider}
              aria-label={`${PROVIDER_NAMES[account.provider]} account ${account.email || account.accountId}`}
            >
              <div className="account__main">
                <span className="account__provider">{PROVIDER_NAMES[account.provider]}</span>
                <span className="account__email">{account.email || 'No email shared'}</span>
                <dl className="account__meta">
                  <div>
                    <dt>Account ID</dt>
                    <dd>
                      <code className="account__id">{account.accountId}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>Status</dt>
                    <dd>
                      <span className="status-pill">{account.status}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>Connected</dt>
                    <dd>{when.format(account.connectedAt)}</dd>
                  </div>
                </dl>
                {account.missingScopes.length > 0 && (
                  <div className="warning">
                    <p>
                      Some permissions were not granted:{' '}
                      {account.missingScopes.map((scope) => (
                        <code key={scope}>{scope}</code>
                      ))}
                      . Bookings may not reach this calendar.
                    </p>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => onReconnect(account.provider)}
                    >
                      Reconnect
                    </button>
                  </div>
                )}
              </div>
              <button
                type="button"
                className="button button--ghost"
                aria-label={`Disconnect ${PROVIDER_NAMES[account.provider]} ${account.email || account.accountId}`}
                onClick={() => onDisconnect(account.accountId)}
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

import { useCallback, useRef, useState } from 'react'
import {
  type ConnectedContext,
  type ConnectMode,
  type PyasAccount,
  PyasConnectDialog,
  type PyasConnectError,
  type PyasEvent,
  PyasProvider,
  type PyasProviderId,
} from '../../src/index.js'
import { AccountList } from './AccountList.js'
import { type ButtonRefs, ConnectPanel } from './ConnectPanel.js'
import {
  DEFAULT_USER,
  type DemoUser,
  type LoggedEvent,
  type Notice,
  PROVIDER_NAMES,
  type SavedAccount,
} from './demoTypes.js'
import { EventLog } from './EventLog.js'
import { NoticeBanner } from './NoticeBanner.js'
import { PageHeader } from './PageHeader.js'
import { UserForm } from './UserForm.js'
import { useStoredState } from './useStoredState.js'

const MAX_EVENTS = 40

/** "Acme Scheduling — Calendar connections": a product settings page built on @pyas/react. */
export function App() {
  const [user, setUser] = useStoredState<DemoUser>('acme-demo:user', DEFAULT_USER)
  const [mode, setMode] = useStoredState<ConnectMode>('acme-demo:mode', 'redirect')
  const [accounts, setAccounts] = useStoredState<SavedAccount[]>('acme-demo:accounts', [])
  // Per tab, so the log of a redirect round trip reads as one story.
  const [events, setEvents] = useStoredState<LoggedEvent[]>('acme-demo:events', [], 'session')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const buttonRefs: ButtonRefs = {
    google: useRef<HTMLButtonElement>(null),
    microsoft: useRef<HTMLButtonElement>(null),
    zoom: useRef<HTMLButtonElement>(null),
  }

  const onConnected = useCallback(
    (account: PyasAccount, { missingScopes }: ConnectedContext) => {
      setNotice(null)
      setAccounts((saved) => [
        { ...account, missingScopes, connectedAt: Date.now() },
        ...saved.filter((other) => other.accountId !== account.accountId),
      ])
    },
    [setAccounts],
  )

  const onError = useCallback(
    (provider: PyasProviderId | undefined, error: PyasConnectError) =>
      setNotice({ kind: 'error', provider, message: error.message, code: error.code }),
    [],
  )

  const onCancel = useCallback(
    (provider?: PyasProviderId) =>
      setNotice({
        kind: 'cancelled',
        provider,
        message: `Connecting ${provider ? PROVIDER_NAMES[provider] : 'your calendar'} was cancelled. Nothing was shared; you can try again any time.`,
      }),
    [],
  )

  const onEvent = useCallback(
    (event: PyasEvent) => {
      if (event.type === 'started') setNotice(null)
      setEvents((logged) =>
        [{ ...event, id: (logged[0]?.id ?? 0) + 1 }, ...logged].slice(0, MAX_EVENTS),
      )
    },
    [setEvents],
  )

  return (
    <PyasProvider proxyUrl="/api/pyas">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <PageHeader user={user} />
      <main id="main" className="page">
        <div className="page__intro">
          <p className="eyebrow">Settings</p>
          <h1>Calendar connections</h1>
          <p className="lead">
            Connect the calendars you schedule from. Acme reads your free/busy times and adds new
            bookings, so clients never book over a meeting.
          </p>
        </div>
        <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
        <div className="page__grid">
          <div className="page__column">
            <ConnectPanel
              user={user}
              mode={mode}
              onModeChange={setMode}
              buttonRefs={buttonRefs}
              onConnected={onConnected}
              onError={onError}
              onCancel={onCancel}
              onEvent={onEvent}
              onChooseProvider={() => setPickerOpen(true)}
            />
            <AccountList
              accounts={accounts}
              onDisconnect={(accountId) =>
                setAccounts((saved) => saved.filter((account) => account.accountId !== accountId))
              }
              onReconnect={(provider) => buttonRefs[provider].current?.click()}
            />
          </div>
          <div className="page__column">
            <UserForm user={user} onChange={setUser} />
            <EventLog events={events} onClear={() => setEvents([])} />
          </div>
        </div>
      </main>
      {/* Mounted only while open: its buttons are hooks too, and a closed picker should not also
          handle the return from a redirect the page's own buttons already handle. */}
      {pickerOpen && (
        <PyasConnectDialog
          open
          onOpenChange={setPickerOpen}
          name={user.name}
          email={user.email}
          productName="Acme Scheduling"
          mode={mode}
          onConnected={onConnected}
          onError={(error) => onError(undefined, error)}
          onCancel={() => onCancel()}
          onEvent={onEvent}
        />
      )}
      <footer className="footer">
        <p>
          Demo of <code>@pyas/react</code>. The browser only talks to <code>/api/pyas</code>; the
          Pyas API key stays on the server.
          {__DEMO_MODE__ === 'offline'
            ? ' Offline mode: the consent screen is simulated by a fake Pyas.'
            : ' Live mode: connected to Pyas.'}
        </p>
      </footer>
    </PyasProvider>
  )
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import {
  type ConnectedContext,
  type ConnectModeOption,
  type PyasAccount,
  PyasConnectDialog,
  type PyasConnectError,
  type PyasEvent,
  PyasProvider,
  type PyasProviderId,
} from '../../src/index.js'
import { AccountList } from './AccountList.js'
import {
  accountsKey,
  disconnectAccount,
  fetchAccounts,
  fetchSession,
  revokeAccount,
  type StoredAccount,
  saveProfile,
  sessionKey,
} from './api.js'
import { type ButtonRefs, ConnectPanel } from './ConnectPanel.js'
import {
  DEFAULT_USER,
  type DemoUser,
  type LoggedEvent,
  type Notice,
  PROVIDER_NAMES,
} from './demoTypes.js'
import { EventLog } from './EventLog.js'
import { InAppView, InAppViewLink } from './InAppView.js'
import { LocalePicker } from './LocalePicker.js'
import { localeOf } from './locales.js'
import { NoticeBanner } from './NoticeBanner.js'
import { PageHeader } from './PageHeader.js'
import { UserForm } from './UserForm.js'
import { useStoredState } from './useStoredState.js'

const MAX_EVENTS = 40
const OFFLINE = __DEMO_MODE__ === 'offline'

/** Whether this page runs inside a frame (the Embedded view), where 'auto' connects in a popup. */
const framed = (() => {
  try {
    return window.top !== window.self
  } catch {
    return true
  }
})()

/** "Acme Scheduling — Calendar connections": a product settings page built on @pyas/react. */
export function App() {
  const queryClient = useQueryClient()
  const [mode, setMode] = useStoredState<ConnectModeOption>('acme-demo:mode', 'auto')
  const [localeTag, setLocaleTag] = useStoredState<string>('acme-demo:locale', 'en')
  // Per tab, so the log of a redirect round trip reads as one story.
  const [events, setEvents] = useStoredState<LoggedEvent[]>('acme-demo:events', [], 'session')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const buttonRefs: ButtonRefs = {
    google: useRef<HTMLButtonElement>(null),
    microsoft: useRef<HTMLButtonElement>(null),
    zoom: useRef<HTMLButtonElement>(null),
  }
  const locale = localeOf(localeTag)

  useEffect(() => {
    document.documentElement.lang = locale.tag
    document.documentElement.dir = locale.dir
  }, [locale])

  // The signed-in user (a cookie session) and their profile, which the profile form edits.
  const session = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity })
  const [draft, setDraft] = useState<DemoUser | null>(null)
  const user = draft ?? session.data ?? DEFAULT_USER
  // Saved at each change, one call after the other (so the last edit wins), once signed in.
  const saving = useRef<Promise<unknown>>(Promise.resolve())
  const onProfileChange = (next: DemoUser) => {
    setDraft(next)
    saving.current = saving.current
      .then(() => queryClient.ensureQueryData({ queryKey: sessionKey, queryFn: fetchSession }))
      .then(() => saveProfile(next))
      .then((saved) => queryClient.setQueryData(sessionKey, saved))
      .catch(() => {})
  }

  // The accounts saved for that user, read from the server (never kept in the browser). Refetched
  // on focus, after every connect, and after a revoke (whose webhook the server has handled by
  // the time the revoke call answers).
  const accounts = useQuery({
    queryKey: accountsKey,
    queryFn: fetchAccounts,
    enabled: session.isSuccess,
  })
  const refreshAccounts = useCallback(
    () => queryClient.invalidateQueries({ queryKey: accountsKey }),
    [queryClient],
  )
  const revoke = useMutation({ mutationFn: revokeAccount, onSettled: refreshAccounts })
  const disconnect = useMutation({ mutationFn: disconnectAccount, onSettled: refreshAccounts })

  // The email a connect asked for, to word a mismatch: the profile's, or a reconnected row's own.
  const latest = useRef({ user, accounts: accounts.data })
  latest.current = { user, accounts: accounts.data }
  const onConnected = useCallback(
    (account: PyasAccount, { emailMismatch, replaces }: ConnectedContext) => {
      const saved = latest.current.accounts?.find(
        (row: StoredAccount) => row.accountId === replaces,
      )
      const asked = saved?.email ?? latest.current.user.email
      setNotice(
        emailMismatch
          ? {
              kind: 'info',
              provider: account.provider,
              message: `Connected ${account.email} — not the email you asked for (${asked}). The account is connected; use “Use another account” only if that is what you meant.`,
            }
          : null,
      )
      // The proxy's onConnected saved it on the server before answering: read the list again.
      void refreshAccounts()
    },
    [refreshAccounts],
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
    <PyasProvider proxyUrl="/api/pyas" messages={locale.messages}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <PageHeader user={user} />
      <main id="main" className="page">
        <div className="page__intro">
          <p className="eyebrow">Settings{framed ? ' · embedded in another site' : ''}</p>
          <h1>Calendar connections</h1>
          <p className="lead">
            Connect the calendars you schedule from. Acme reads your free/busy times and adds new
            bookings, so clients never book over a meeting.
          </p>
          <div className="page__tools">
            <LocalePicker tag={locale.tag} onChange={setLocaleTag} />
            {!framed && (
              <a className="button button--ghost button--small" href={embeddedUrl()}>
                Embedded view
              </a>
            )}
            <InAppViewLink />
          </div>
        </div>
        <InAppView ready={session.isSuccess} />
        <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
        <div className="page__grid">
          <div className="page__column">
            <ConnectPanel
              ready={session.isSuccess}
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
              accounts={accounts.data}
              loadError={accounts.isError}
              name={user.name}
              mode={mode}
              canSimulateRevoke={OFFLINE}
              revoking={revoke.isPending ? revoke.variables : undefined}
              onRevoke={(accountId) => revoke.mutate(accountId)}
              onDisconnect={(accountId) => disconnect.mutate(accountId)}
              onReconnected={onConnected}
              onError={(error) => onError(undefined, error)}
              onEvent={onEvent}
            />
          </div>
          <div className="page__column">
            <UserForm user={user} onChange={onProfileChange} />
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
          Pyas API key stays on the server, and so do your connected accounts.
          {OFFLINE
            ? ' Offline mode: the consent screen is simulated by a fake Pyas.'
            : ' Live mode: connected to Pyas.'}
        </p>
      </footer>
    </PyasProvider>
  )
}

/** The Embedded view's host page: the demo's port on `localhost`, another site than 127.0.0.1. */
function embeddedUrl() {
  return `http://localhost:${window.location.port}/embedded`
}

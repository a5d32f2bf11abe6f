'use client' // in a Next.js App Router file: the buttons take event handlers
import {
  ConnectGoogleButton,
  PyasAccountList,
  PyasProvider,
  type PyasSavedAccount,
} from '../../src/index.js'
import '../../src/styles.css'

/**
 * The app's calendar settings: a connect button, and the accounts the server saved for this user.
 * The account is saved by the proxy on the server (`onConnected` there); the browser only shows it.
 */
export function CalendarSettings({
  user,
  accounts,
  refresh,
}: {
  user: { name: string; email: string }
  accounts: PyasSavedAccount[]
  refresh: () => void
}) {
  return (
    <PyasProvider proxyUrl="/api/pyas" onConnected={refresh}>
      <ConnectGoogleButton email={user.email} name={user.name} returnTo="/settings/calendars" />
      <PyasAccountList accounts={accounts} name={user.name} email={user.email} />
    </PyasProvider>
  )
}

'use client'
import { ConnectGoogleButton } from '../../src/index.js'

/** Where users connect: the button sends the signed-in user's name and email, nothing else. */
export function CalendarButton({
  user,
  refreshAccounts,
}: {
  user: { name: string; email: string }
  refreshAccounts: () => void
}) {
  return (
    <ConnectGoogleButton
      email={user.email}
      name={user.name}
      returnTo="/settings/calendars"
      // The server has already saved the account (the proxy's onConnected): show the new list.
      onConnected={refreshAccounts}
    />
  )
}

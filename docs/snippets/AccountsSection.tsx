'use client'
import { useQuery } from '@tanstack/react-query'
import { PyasAccountList, type PyasSavedAccount } from '../../src/index.js'

/** Your own API: the accounts your proxy's onConnected saved for the signed-in user. */
async function fetchMyAccounts(): Promise<PyasSavedAccount[]> {
  const response = await fetch('/api/accounts')
  if (!response.ok) throw new Error(`GET /api/accounts answered ${response.status}`)
  return (await response.json()) as PyasSavedAccount[]
}

/** The day-thirty view: an account that went inactive is reconnected in place. */
export function AccountsSection({
  user,
  disconnect,
}: {
  user: { name: string }
  disconnect: (accountId: string) => void
}) {
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: fetchMyAccounts })
  return (
    <PyasAccountList
      accounts={accounts.data ?? []}
      name={user.name}
      // The server updated the row (same accountId) in its onConnected: read the list again.
      onReconnected={() => accounts.refetch()}
      onDisconnect={(account) => disconnect(account.accountId)} // optional: adds "Disconnect"
    />
  )
}

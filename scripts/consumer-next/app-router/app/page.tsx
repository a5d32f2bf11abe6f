// app/page.tsx — the page the Pyas redirect URL points at, so the buttons also finish the connect.
'use client'
import {
  ConnectGoogleButton,
  ConnectOutlookButton,
  ConnectZoomButton,
  type PyasAccount,
  PyasProvider,
} from '@pyas/react'
import '@pyas/react/styles.css'
import { useState } from 'react'

export default function CalendarSettings() {
  const [account, setAccount] = useState<PyasAccount | null>(null)
  const user = { name: 'Ada Lovelace', email: 'ada@example.com' }
  return (
    <PyasProvider proxyUrl="/api/pyas">
      <h1>Calendar connections</h1>
      <ConnectGoogleButton email={user.email} name={user.name} onConnected={setAccount} />
      <ConnectOutlookButton email={user.email} name={user.name} onConnected={setAccount} />
      <ConnectZoomButton name={user.name} onConnected={setAccount} />
      {account ? (
        <p>
          Connected {account.email} as <output data-testid="account-id">{account.accountId}</output>
        </p>
      ) : null}
    </PyasProvider>
  )
}

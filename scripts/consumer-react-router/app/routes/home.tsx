// app/routes/home.tsx — the page the Pyas redirect URL points at, so the button finishes the connect.
import { ConnectGoogleButton, type PyasAccount, PyasProvider } from '@pyas/react'
import '@pyas/react/styles.css'
import { useState } from 'react'

export default function CalendarSettings() {
  const [account, setAccount] = useState<PyasAccount | null>(null)
  return (
    <PyasProvider proxyUrl="/api/pyas">
      <h1>Calendar connections</h1>
      <ConnectGoogleButton email="ada@example.com" name="Ada Lovelace" onConnected={setAccount} />
      {account ? (
        <p>
          Connected {account.email} as <output data-testid="account-id">{account.accountId}</output>
        </p>
      ) : null}
    </PyasProvider>
  )
}

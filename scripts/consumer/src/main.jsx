// A customer's app, as small as it gets: the provider, one button, and the connected account.
import { ConnectGoogleButton, PyasProvider } from '@pyas/react'
import '@pyas/react/styles.css'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  const [account, setAccount] = useState(null)
  return (
    <PyasProvider proxyUrl="/api/pyas">
      <h1>Consumer app</h1>
      <ConnectGoogleButton email="ada@example.com" name="Ada Lovelace" onConnected={setAccount} />
      {account ? (
        <p>
          Connected <span data-testid="account-email">{account.email}</span> as{' '}
          <output data-testid="account-id">{account.accountId}</output>
        </p>
      ) : null}
    </PyasProvider>
  )
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

'use client'
import { ConnectGoogleButton, PyasProvider } from '../../src/index.js'
import { messages } from '../../src/locales/de.js'

export function Settings({ user }: { user: { email: string; name: string } }) {
  return (
    <PyasProvider messages={messages}>
      {/* "Google Kalender verbinden" */}
      <ConnectGoogleButton email={user.email} name={user.name} />
    </PyasProvider>
  )
}

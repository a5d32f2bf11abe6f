'use client'
import { useState } from 'react'
import { PyasConnectDialog } from '../../src/index.js'

/** A "Connect a calendar" button that opens the provider picker; it asks for name and email. */
export function ConnectCalendarDialog({ refreshAccounts }: { refreshAccounts: () => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Connect a calendar
      </button>
      {/* Keep it mounted on the page you return to: it finishes the round trip even closed. */}
      <PyasConnectDialog
        open={open}
        onOpenChange={setOpen}
        productName="Acme" // "Acme uses Pyas to securely connect your account"
        providers={['google', 'microsoft']} // default: all three
        onConnected={() => {
          refreshAccounts()
          setOpen(false)
        }}
      />
    </>
  )
}

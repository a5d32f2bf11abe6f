'use client'
import { usePyasConnect } from '../../src/index.js'

/** A button of your own design on the hook, with a way back when the user unticked a scope. */
export function LinkMyCalendar({ user }: { user: { name: string; email: string } }) {
  const { connect, reconnect, status, error, missingScopes, isPending } = usePyasConnect({
    provider: 'google',
    email: user.email,
    name: user.name,
  })
  if (status === 'connected' && missingScopes.length > 0) {
    // Connected, but without the calendar permission: a fresh attempt asks for it again.
    return (
      <button type="button" onClick={() => reconnect()}>
        Grant calendar access
      </button>
    )
  }
  return (
    <>
      <button type="button" onClick={() => connect()} disabled={isPending}>
        Link my calendar
      </button>
      {error && <p role="alert">{error.message}</p>}
    </>
  )
}

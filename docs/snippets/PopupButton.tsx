'use client'
import { ConnectGoogleButton } from '../../src/index.js'

/** Connect in a popup, so the page (and its unsaved state) stays; a blocked popup redirects. */
export function PopupButton({ user }: { user: { name: string; email: string } }) {
  return (
    <ConnectGoogleButton
      mode="popup"
      popupFallback="redirect"
      email={user.email}
      name={user.name}
    />
  )
}

'use client'
import { usePyasCallback } from '../../src/index.js'

/**
 * A callback route with no button, for a Pyas redirect URL of its own. The library never
 * navigates: pass your router's navigation (React Router's `useNavigate()`, Next's
 * `router.replace`), or keep the full page load.
 */
export function PyasCallbackPage({
  navigate = (path: string) => window.location.replace(path),
}: {
  navigate?: (path: string) => void
}) {
  const { status, error } = usePyasCallback({
    // The proxy saved the account on the server: go back to where the user started.
    onConnected: (_account, { returnTo }) => navigate(returnTo ?? '/settings'),
    onCancel: () => navigate('/settings'),
  })
  return status === 'error' ? <p role="alert">{error?.message}</p> : <p>Connecting…</p>
}

'use client'
import { PyasOpenInBrowser, usePyasConnect } from '../../../src/index.js'

/**
 * Your own button: in an in-app browser (Instagram, LinkedIn…) the connect fails at once with
 * `embedded_browser`, and the page offers a connect link to open in Safari or Chrome instead.
 */
export function LinkCalendar({ name, email }: { name: string; email: string }) {
  const { connect, error } = usePyasConnect({ provider: 'google', email, name })
  if (error?.code === 'embedded_browser') return <PyasOpenInBrowser provider="google" />
  return (
    <button type="button" onClick={() => connect()}>
      Link my calendar
    </button>
  )
}

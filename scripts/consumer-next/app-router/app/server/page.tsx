// app/server/page.tsx — a Server Component: the library's components are client components, so it
// can render them as long as every prop is plain data (no functions such as onConnected).
import { ConnectGoogleButton, PyasProvider } from '@pyas/react'
import '@pyas/react/styles.css'

export default function ServerRenderedSettings() {
  return (
    <PyasProvider proxyUrl="/api/pyas">
      <h1>Rendered on the server</h1>
      <ConnectGoogleButton email="ada@example.com" name="Ada Lovelace" returnTo="/server" />
    </PyasProvider>
  )
}

import type { RefObject } from 'react'
import {
  type ConnectedContext,
  ConnectGoogleButton,
  type ConnectModeOption,
  ConnectOutlookButton,
  ConnectZoomButton,
  type PyasAccount,
  type PyasConnectError,
  type PyasEvent,
  type PyasProviderId,
} from '../../src/index.js'
import type { DemoUser } from './demoTypes.js'
import { ModeToggle } from './ModeToggle.js'

export type ButtonRefs = Record<PyasProviderId, RefObject<HTMLButtonElement | null>>

interface ConnectPanelProps {
  /** Signed in: until then the proxy would refuse the connect. */
  ready: boolean
  user: DemoUser
  mode: ConnectModeOption
  onModeChange: (mode: ConnectModeOption) => void
  buttonRefs: ButtonRefs
  onConnected: (account: PyasAccount, context: ConnectedContext) => void
  onError: (provider: PyasProviderId, error: PyasConnectError) => void
  onCancel: (provider: PyasProviderId) => void
  onEvent: (event: PyasEvent) => void
  onChooseProvider: () => void
}

const ROWS = [
  {
    provider: 'google',
    title: 'Google Calendar',
    detail: 'Gmail and Google Workspace calendars',
    Button: ConnectGoogleButton,
  },
  {
    provider: 'microsoft',
    title: 'Outlook Calendar',
    detail: 'Microsoft 365 and Outlook.com calendars',
    Button: ConnectOutlookButton,
  },
  {
    provider: 'zoom',
    title: 'Zoom',
    detail: 'Add a Zoom link to every booking',
    Button: ConnectZoomButton,
  },
] as const

/** The three provider buttons (default labels), sharing the user, the mode and the callbacks. */
export function ConnectPanel(props: ConnectPanelProps) {
  const { user, mode, onModeChange, buttonRefs, onConnected, onError, onCancel, onEvent } = props
  const { onChooseProvider, ready } = props
  return (
    <section className="card" aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect a calendar</h2>
      <p className="card__hint">
        Acme checks your availability and adds bookings to the calendar you connect.
      </p>
      <ModeToggle mode={mode} onChange={onModeChange} />
      <ul className="providers">
        {ROWS.map(({ provider, title, detail, Button }) => (
          <li key={provider} className="provider">
            <div className="provider__text">
              <span className="provider__title">{title}</span>
              <span className="provider__detail">{detail}</span>
            </div>
            <Button
              ref={buttonRefs[provider]}
              disabled={!ready}
              email={user.email}
              name={user.name}
              mode={mode}
              onConnected={onConnected}
              onError={(error) => onError(provider, error)}
              onCancel={() => onCancel(provider)}
              onEvent={onEvent}
            />
          </li>
        ))}
      </ul>
      <div className="picker-row">
        <span>Prefer one button for all providers?</span>
        <button
          type="button"
          className="button"
          aria-haspopup="dialog"
          disabled={!ready}
          onClick={onChooseProvider}
        >
          Choose a provider…
        </button>
      </div>
    </section>
  )
}

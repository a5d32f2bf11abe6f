import type { LoggedEvent } from './demoTypes.js'

interface EventLogProps {
  events: LoggedEvent[]
  onClear: () => void
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
})

/** Every `onEvent` call, newest first: what an app would send to its analytics. */
export function EventLog({ events, onClear }: EventLogProps) {
  return (
    <section className="card" aria-labelledby="log-heading">
      <div className="card__header">
        <h2 id="log-heading">Event log</h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={onClear}
          disabled={events.length === 0}
        >
          Clear
        </button>
      </div>
      <p className="card__hint">
        Raw <code>onEvent</code> calls, kept for this tab across the redirect.
      </p>
      {events.length === 0 ? (
        <p className="empty">No events yet.</p>
      ) : (
        // Focusable so keyboard users can scroll the log once it overflows.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
        <ol className="log" aria-label="Events, newest first" tabIndex={0}>
          {events.map((event) => (
            <li key={event.id} className="log__entry" data-type={event.type}>
              <time className="log__time" dateTime={new Date(event.at).toISOString()}>
                {clock.format(event.at)}
              </time>
              <span className="log__type">{event.type}</span>
              <span className="log__provider">{event.provider ?? '—'}</span>
              <span className="log__attempt" title="attemptId">
                {event.attemptId ?? ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

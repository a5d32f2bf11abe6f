import type { DemoUser } from './demoTypes.js'

const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('') || '?'

/** The product's top bar: logo, the demo's mode, and the signed-in user. */
export function PageHeader({ user }: { user: DemoUser }) {
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <span className="brand">
          <svg className="brand__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path
              d="M9 11h14M9 16h14M9 21h9"
              stroke="#fff"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
          </svg>
          Acme Scheduling
        </span>
        <span className={`mode-badge mode-badge--${__DEMO_MODE__}`}>
          {__DEMO_MODE__ === 'offline' ? 'Offline demo · fake Pyas' : 'Live · Pyas'}
        </span>
        <span className="avatar" title={`${user.name} <${user.email}>`}>
          <span aria-hidden="true">{initials(user.name)}</span>
          <span className="visually-hidden">Signed in as {user.name || 'demo user'}</span>
        </span>
      </div>
    </header>
  )
}

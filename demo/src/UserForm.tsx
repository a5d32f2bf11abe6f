import type { DemoUser } from './demoTypes.js'

interface UserFormProps {
  user: DemoUser
  onChange: (user: DemoUser) => void
}

/** The demo user: the name and email the connect buttons send. Kept in localStorage. */
export function UserForm({ user, onChange }: UserFormProps) {
  return (
    <section className="card" aria-labelledby="user-heading">
      <h2 id="user-heading">Your profile</h2>
      <p className="card__hint">
        The buttons send this name and email to Pyas. Edit them to try another user.
      </p>
      <div className="field">
        <label htmlFor="user-name">Full name</label>
        <input
          id="user-name"
          name="name"
          autoComplete="name"
          value={user.name}
          onChange={(event) => onChange({ ...user, name: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="user-email">Work email</label>
        <input
          id="user-email"
          name="email"
          type="email"
          autoComplete="email"
          value={user.email}
          onChange={(event) => onChange({ ...user, email: event.target.value })}
        />
      </div>
    </section>
  )
}

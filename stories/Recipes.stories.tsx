import type { Meta, StoryObj } from '@storybook/react-vite'
import { type FormEvent, useId, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConnectButton, usePyasConnect } from '../src/index.js'
import { messagesOf } from './support/locales.js'
import { ACCOUNT_EMAIL } from './support/simulateReturn.js'

/**
 * `usePyasConnect` runs the same round trip as the buttons with no markup of its own: render any
 * button, call `connect()`, show `status`, `account` and `error` your way.
 */
const meta = {
  title: 'Recipes/usePyasConnect',
  parameters: { layout: 'centered' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

function CalendarTile() {
  const { connect, status, isPending, error } = usePyasConnect({
    provider: 'microsoft',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    // Stories run in an iframe, where `auto` would open a popup; Storybook holds `navigate`.
    mode: 'redirect',
  })
  return (
    <div className="recipe-tile">
      <div>
        <p className="recipe-tile__title">Outlook Calendar</p>
        <p className="recipe-tile__hint" role="status">
          {isPending ? 'Opening Microsoft sign-in…' : (error?.message ?? 'Not connected')}
        </p>
      </div>
      <button
        type="button"
        className="recipe-tile__button"
        data-state={status}
        aria-busy={isPending || undefined}
        disabled={isPending}
        onClick={() => connect()}
      >
        {isPending ? 'Opening…' : 'Add'}
      </button>
    </div>
  )
}

/** Your own button: the hook gives `connect`, `status`, `isPending` and `error`. */
export const CustomButton: Story = {
  render: () => <CalendarTile />,
  async play({ canvasElement }) {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Add' }))
    await waitFor(() =>
      expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'redirecting'),
    )
    await expect(canvas.getByRole('status')).toHaveTextContent('Opening Microsoft sign-in…')
    await expect(canvas.getByText(/^held: .*\/consent \(microsoft\)/)).toBeVisible()
  },
}

/** A label that is a function of `{ status, account, error }`; here on the way back, connected. */
export const RenderFunctionLabel: Story = {
  parameters: { pyas: { scenario: 'Connected', provider: 'google' } },
  render: () => (
    <ConnectButton provider="google" name="Ada Lovelace" email="ada@example.com" mode="redirect">
      {({ status, account }) =>
        status === 'connected'
          ? `Google Calendar · ${account?.email}`
          : status === 'exchanging'
            ? 'Finishing…'
            : 'Connect Google Calendar'
      }
    </ConnectButton>
  ),
  async play({ canvasElement }) {
    const canvas = within(canvasElement)
    await waitFor(() =>
      expect(canvas.getByRole('button')).toHaveAccessibleName(`Google Calendar · ${ACCOUNT_EMAIL}`),
    )
  },
}

function ConnectForm() {
  const id = useId()
  const [fields, setFields] = useState({ name: '', email: '' })
  const { connect, status, isPending, error } = usePyasConnect({
    provider: 'google',
    mode: 'redirect',
  })
  const invalid = error?.fieldErrors ?? {}
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    // The inputs at submit time; `connect(overrides)` validates them before anything is sent.
    void connect({ name: fields.name, email: fields.email })
  }
  const field = (key: 'name' | 'email', label: string) => (
    <div className="recipe-form__field">
      <label htmlFor={id + key}>{label}</label>
      <input
        id={id + key}
        type={key === 'email' ? 'email' : 'text'}
        autoComplete={key}
        value={fields[key]}
        aria-invalid={invalid[key] ? true : undefined}
        aria-describedby={invalid[key] ? `${id + key}-error` : undefined}
        onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
      />
      {invalid[key] && <p id={`${id + key}-error`}>{invalid[key]}</p>}
    </div>
  )
  return (
    <form className="recipe-form" noValidate onSubmit={onSubmit} data-state={status}>
      {field('name', 'Your name')}
      {field('email', 'Work email')}
      <p className="recipe-form__problem" role="status">
        {error && !error.fieldErrors ? error.message : ''}
      </p>
      <button type="submit" className="pyas-button" aria-busy={isPending || undefined}>
        {isPending ? 'Redirecting to Google…' : 'Connect Google Calendar'}
      </button>
    </form>
  )
}

/** Inside a form: submit calls `connect(overrides)`; `error.fieldErrors` marks the fields. */
export const InsideAForm: Story = {
  render: () => <ConnectForm />,
  async play({ canvasElement, globals }) {
    // The form's own texts are the app's; the field error comes from the library's table.
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    const email = canvas.getByLabelText('Work email')
    await userEvent.type(canvas.getByLabelText('Your name'), 'Ada Lovelace')
    await userEvent.type(email, 'ada@example')
    await userEvent.click(canvas.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() => expect(email).toHaveAccessibleDescription(t['field.email.invalid']))
    await expect(email).toHaveAttribute('aria-invalid', 'true')

    await userEvent.type(email, '.com')
    await userEvent.click(canvas.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() =>
      expect(canvasElement.querySelector('form')).toHaveAttribute('data-state', 'redirecting'),
    )
    await expect(email).not.toHaveAttribute('aria-invalid')
    await expect(canvas.getByText(/^held: .*\/consent \(google\)/)).toBeVisible()
  },
}

import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { PyasConnectDialog, type PyasConnectDialogProps } from '../src/index.js'
import type { PyasStoryParameters } from './support/harness.js'
import { messagesOf } from './support/locales.js'

/** An app's settings page that owns the dialog's `open` state, as `onOpenChange` expects. */
function SettingsPage(props: PyasConnectDialogProps & { dark?: boolean }) {
  const { open: initiallyOpen = true, onOpenChange, dark = false, ...dialogProps } = props
  const [open, setOpen] = useState(initiallyOpen)
  return (
    <div className={dark ? 'demo-app demo-app--dark pyas-theme-dark' : 'demo-app'}>
      <main className="demo-app__main">
        <p className="demo-app__eyebrow">{dialogProps.productName ?? 'Your app'} · Settings</p>
        <h1>Calendar integrations</h1>
        <p>Connect a calendar so meetings land where you already look.</p>
        <button type="button" className="demo-app__open" onClick={() => setOpen(true)}>
          Add a calendar
        </button>
      </main>
      <PyasConnectDialog
        {...dialogProps}
        open={open}
        onOpenChange={(next) => {
          onOpenChange?.(next)
          setOpen(next)
        }}
      />
    </div>
  )
}

/**
 * The provider picker on a native modal `<dialog>`. Each story renders in its own iframe on the
 * docs page: a modal dialog takes over the whole document it lives in.
 */
const meta = {
  title: 'Components/PyasConnectDialog',
  component: PyasConnectDialog,
  args: {
    open: true,
    productName: 'Acme Scheduling',
    // A story runs in an iframe, where `auto` would open a popup; the stories hold `navigate`.
    mode: 'redirect',
    onOpenChange: fn(),
    onConnected: fn(),
    onError: fn(),
    onCancel: fn(),
    onEvent: fn(),
  },
  render: (args) => <SettingsPage {...args} />,
  parameters: {
    layout: 'fullscreen',
    pyas: { readout: false } satisfies PyasStoryParameters,
    docs: { story: { inline: false, iframeHeight: 620 } },
  },
} satisfies Meta<typeof PyasConnectDialog>

export default meta
type Story = StoryObj<typeof meta>

/** Open, with the user known: one button per provider, nothing to fill in. */
export const Idle: Story = {
  args: { name: 'Ada Lovelace', email: 'ada@example.com' },
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    const dialog = await canvas.findByRole('dialog', { name: t['dialog.title'] })
    await expect(dialog).toHaveAttribute('open')
    const buttons = (['google', 'microsoft', 'zoom'] as const).map((provider) =>
      within(dialog).getByRole('button', { name: t[`label.${provider}`] }),
    )
    await expect(buttons.map((button) => button.dataset.provider)).toEqual([
      'google',
      'microsoft',
      'zoom',
    ])
    for (const button of buttons) await expect(button).toHaveAttribute('data-state', 'idle')
    await expect(buttons[0]).toHaveFocus()

    // Controlled: Close asks the page, which closes it; the page's own button opens it again.
    await userEvent.click(within(dialog).getByRole('button', { name: t['dialog.close'] }))
    await expect(args.onOpenChange).toHaveBeenCalledWith(false)
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'))
    await userEvent.click(canvas.getByRole('button', { name: 'Add a calendar' }))
    await waitFor(() => expect(dialog).toHaveAttribute('open'))
  },
}

/**
 * The browser closes the dialog by itself (Chrome does on Escape when the page had no user
 * activation since it opened; `<form method="dialog">` does too) while the page keeps `open`:
 * the dialog asks the page (`onOpenChange(false)`) and, as the page still says open, shows again.
 */
export const ClosedByTheBrowser: Story = {
  args: { name: 'Ada Lovelace', email: 'ada@example.com' },
  render: (args) => <PyasConnectDialog {...args} open />,
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const canvas = within(canvasElement)
    const dialog = (await canvas.findByRole('dialog', {
      name: t['dialog.title'],
    })) as HTMLDialogElement
    await waitFor(() => expect(dialog.open).toBe(true))
    dialog.close()
    await waitFor(() => expect(args.onOpenChange).toHaveBeenCalledWith(false))
    await waitFor(() => expect(dialog.open).toBe(true))
    const outlook = within(dialog).getByRole('button', { name: t['label.microsoft'] })
    // Visible once the opening animation (from opacity 0) has run.
    await waitFor(() => expect(outlook).toBeVisible())
  },
}

/** No `name`/`email` props: the dialog asks for them and marks what is missing. */
export const WithForm: Story = {
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const dialog = await within(canvasElement).findByRole('dialog')
    const inDialog = within(dialog)
    const google = inDialog.getByRole('button', { name: t['label.google'] })
    await userEvent.click(google)
    const name = inDialog.getByLabelText(t['dialog.name'])
    await waitFor(() => expect(name).toHaveAccessibleDescription(t['field.name.required']))
    await expect(name).toHaveAttribute('aria-invalid', 'true')

    await userEvent.type(name, 'Ada Lovelace')
    await userEvent.type(inDialog.getByLabelText(t['dialog.email']), 'ada@example.com')
    await userEvent.click(google)
    await waitFor(() => expect(google).toHaveAttribute('data-state', 'redirecting'))
    await expect(name).not.toHaveAttribute('aria-invalid')
  },
}

/** `pyas-theme-dark` on an ancestor forces the dark palette (else it follows the system). */
export const Dark: Story = {
  args: { name: 'Ada Lovelace', email: 'ada@example.com' },
  render: (args) => <SettingsPage {...args} dark />,
  async play({ canvasElement }) {
    const dialog = await within(canvasElement).findByRole('dialog')
    await expect(getComputedStyle(dialog).backgroundColor).toBe('rgb(30, 31, 34)')
  },
}

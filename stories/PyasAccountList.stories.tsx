import type { Meta, StoryObj } from '@storybook/react-vite'
import { useId } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { formatMessage } from '../src/core/messages.js'
import {
  PyasAccountList,
  type PyasAccountListProps,
  type PyasMessages,
  type PyasSavedAccount,
} from '../src/index.js'
import type { PyasStoryParameters } from './support/harness.js'
import {
  expectInlineOrder,
  expectMarksAtInlineStart,
  expectNoHorizontalOverflow,
} from './support/layoutChecks.js'
import { messagesOf } from './support/locales.js'

/** The accounts an app saved for Ada, as its server would return them. */
const ACCOUNTS = {
  google: {
    accountId: 'acc_google_1',
    provider: 'google',
    email: 'ada@example.com',
    status: 'active',
  },
  outlook: {
    accountId: 'acc_outlook_1',
    provider: 'microsoft',
    email: 'ada.lovelace@analytical-engines.example',
    status: 'inactive',
  },
  // Zoom accounts often come without an email: the row shows the name instead.
  zoom: { accountId: 'acc_zoom_1', provider: 'zoom', name: 'Ada Lovelace', status: 'inactive' },
} satisfies Record<string, PyasSavedAccount>

/** An app's settings card around the list. */
function SettingsCard(props: PyasAccountListProps) {
  // Several cards share the docs page: ids must not collide.
  const titleId = useId()
  return (
    <section className="demo-accounts-card" aria-labelledby={titleId}>
      <h2 id={titleId}>Calendars</h2>
      <PyasAccountList {...props} />
    </section>
  )
}

/**
 * The accounts the app saved, one row each; an `inactive` row offers "Reconnect …", which runs
 * the round trip for that account (`savedAccount`), so `onReconnected` updates the row. The list
 * fetches nothing: the stories pass the accounts, as an app passes what its server returned.
 */
const meta = {
  title: 'Components/PyasAccountList',
  component: PyasAccountList,
  args: {
    accounts: [ACCOUNTS.google],
    name: 'Ada Lovelace',
    // A story runs in an iframe, where `auto` would open a popup; the stories hold `navigate`.
    mode: 'redirect',
    onReconnected: fn(),
    onError: fn(),
    onEvent: fn(),
  },
  render: (args) => <SettingsCard {...args} />,
  parameters: { layout: 'padded', pyas: { readout: false } satisfies PyasStoryParameters },
} satisfies Meta<typeof PyasAccountList>

export default meta
type Story = StoryObj<typeof meta>

/** The rows of the list in `canvasElement`, by role. */
async function rowsOf(canvasElement: HTMLElement) {
  const list = await within(canvasElement).findByRole('list')
  return within(list).getAllByRole('listitem')
}

/** Checks what one row shows: the provider's name, who, and the status text of the table. */
async function expectRow(row: HTMLElement, account: PyasSavedAccount, t: PyasMessages) {
  const inRow = within(row)
  await expect(row).toHaveAttribute('data-status', account.status)
  await expect(inRow.getByText(t[`provider.${account.provider}`])).toBeVisible()
  await expect(inRow.getByText((account.email || account.name) as string)).toBeVisible()
  const status = account.status === 'active' ? t['account.active'] : t['account.inactive']
  await expect(inRow.getByText(status)).toBeVisible()
  const reconnect = inRow.queryByRole('button', { name: t[`reconnect.${account.provider}`] })
  if (account.status === 'inactive') await expect(reconnect).toBeVisible()
  else await expect(reconnect).toBeNull()
}

/** An `active` account: "Connected", nothing to do. */
export const Active: Story = {
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const [row, ...others] = await rowsOf(canvasElement)
    await expect(others).toHaveLength(0)
    await expectRow(row!, ACCOUNTS.google, t)
    await expect(within(row!).queryByRole('button')).toBeNull()
  },
}

/**
 * An `inactive` account (the user revoked access or changed a password): "Needs reconnecting"
 * and a "Reconnect Outlook Calendar" button, which starts the round trip for that account.
 */
export const Inactive: Story = {
  args: { accounts: [ACCOUNTS.outlook] },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const [row] = await rowsOf(canvasElement)
    await expectRow(row!, ACCOUNTS.outlook, t)
    const reconnect = within(row!).getByRole('button', { name: t['reconnect.microsoft'] })
    await userEvent.click(reconnect)
    await waitFor(() => expect(reconnect).toHaveAttribute('data-state', 'redirecting'))
    await expect(within(row!).getByRole('status')).toHaveTextContent(
      formatMessage(t['status.redirecting'], { brand: 'Microsoft' }),
    )
  },
}

/** Google, Outlook and Zoom side by side; without `onDisconnect`, no Disconnect buttons. */
export const MixedProviders: Story = {
  args: { accounts: [ACCOUNTS.google, ACCOUNTS.outlook, ACCOUNTS.zoom] },
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const rows = await rowsOf(canvasElement)
    await expect(rows.map((row) => row.dataset.provider)).toEqual(['google', 'microsoft', 'zoom'])
    for (const [index, row] of rows.entries()) await expectRow(row, args.accounts[index]!, t)
    await expect(
      within(canvasElement).queryByRole('button', { name: t['account.disconnect'] }),
    ).toBeNull()
  },
}

/** `onDisconnect`: a Disconnect button in every row, called with that row's account. */
export const WithDisconnect: Story = {
  args: { accounts: [ACCOUNTS.google, ACCOUNTS.zoom], onDisconnect: fn() },
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const rows = await rowsOf(canvasElement)
    for (const [index, row] of rows.entries()) await expectRow(row, args.accounts[index]!, t)
    const buttons = within(canvasElement).getAllByRole('button', { name: t['account.disconnect'] })
    await expect(buttons).toHaveLength(2)
    await userEvent.click(buttons[1]!)
    await expect(args.onDisconnect).toHaveBeenCalledTimes(1)
    await expect(args.onDisconnect).toHaveBeenCalledWith(ACCOUNTS.zoom)
  },
}

/** No accounts yet: one line, the `account.empty` message (or `emptyText`). */
export const Empty: Story = {
  args: { accounts: [] },
  async play({ canvasElement, globals }) {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(messagesOf(globals)['account.empty'])).toBeVisible()
    await expect(canvas.queryByRole('list')).toBeNull()
  },
}

/**
 * In Arabic, right to left: each row mirrors — the mark and the account on the right (the inline
 * start), the status and the buttons after them towards the left — and nothing spills out.
 */
export const RightToLeft: Story = {
  args: {
    accounts: [ACCOUNTS.google, ACCOUNTS.outlook, ACCOUNTS.zoom],
    onDisconnect: fn(),
  },
  globals: { locale: 'ar' },
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const rows = await rowsOf(canvasElement)
    for (const [index, row] of rows.entries()) {
      await expectRow(row, args.accounts[index]!, t)
      await expect(getComputedStyle(row).direction).toBe('rtl')
      // The row's first box, the mark, ends the row on the right; the rest follow leftwards.
      const mark = row.querySelector('.pyas-accounts__icon')!.getBoundingClientRect()
      await expect(mark.right).toBeCloseTo(row.getBoundingClientRect().right, 0)
      await expectInlineOrder(row, 'rtl')
    }
    await expectMarksAtInlineStart(canvasElement, 'rtl')
    await expectNoHorizontalOverflow(canvasElement)
  },
}

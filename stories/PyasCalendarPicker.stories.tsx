import type { Meta, StoryObj } from '@storybook/react-vite'
import { delay, HttpResponse, http } from 'msw'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { PyasCalendarPicker, type PyasCalendarPickerProps } from '../src/index.js'
import type { PyasStoryParameters } from './support/harness.js'
import { expectNoHorizontalOverflow } from './support/layoutChecks.js'
import { messagesOf } from './support/locales.js'

const ROUTE = '/api/pyas/:provider/calendars'

/** Ada's Google calendars as Pyas lists them (calendar-list entries, in Google's order). */
const GOOGLE = [
  {
    kind: 'calendar#calendarListEntry',
    id: 'en.usa#holiday@group.v.calendar.google.com',
    summary: 'Holidays in United States',
    backgroundColor: '#16a765',
    accessRole: 'reader',
  },
  {
    kind: 'calendar#calendarListEntry',
    id: 'team@group.calendar.google.com',
    // Names are text: this one shows its brackets, it is not markup.
    summary: 'Design <review>',
    backgroundColor: '#9fe1e7',
    accessRole: 'writer',
  },
  {
    kind: 'calendar#calendarListEntry',
    id: 'ada@example.com',
    summary: 'ada@example.com',
    backgroundColor: '#9a9cff',
    accessRole: 'owner',
    primary: true,
  },
]

/** Ada's Outlook calendars (Graph calendars). */
const MICROSOFT = [
  {
    id: 'AAMk-default',
    name: 'Calendar',
    isDefaultCalendar: true,
    canEdit: true,
    hexColor: '#0078d4',
  },
  {
    id: 'AAMk-shared',
    name: 'Support rota',
    isDefaultCalendar: false,
    canEdit: true,
    hexColor: '#a4262c',
  },
  { id: 'AAMk-holidays', name: 'United States holidays', isDefaultCalendar: false, canEdit: false },
]

/** The proxy's calendars route, answering like Pyas does through it. */
const calendarsRoute = http.get(ROUTE, ({ params }) =>
  HttpResponse.json({
    success: true,
    data: { calendars: params.provider === 'microsoft' ? MICROSOFT : GOOGLE },
  }),
)

/** Accounts whose answer is a state: `acc_loading` never answers, `acc_error` 500, `acc_empty` none. */
const statesRoute = http.get(ROUTE, async ({ request }) => {
  const accountId = new URL(request.url).searchParams.get('accountId')
  if (accountId === 'acc_loading') await delay('infinite')
  if (accountId === 'acc_error') return HttpResponse.json({ error: 'boom' }, { status: 500 })
  if (accountId === 'acc_empty')
    return HttpResponse.json({ success: true, data: { calendars: [] } })
  return undefined
})

/** A settings form around the picker, holding the selection as an app would before saving it. */
function Controlled(props: PyasCalendarPickerProps) {
  const [value, setValue] = useState<readonly string[] | string | undefined>(props.value)
  const onChange = (next: string[] & string) => {
    setValue(next)
    props.onChange(next)
  }
  return (
    <form className="demo-accounts-card" onSubmit={(event) => event.preventDefault()}>
      <PyasCalendarPicker {...({ ...props, value, onChange } as PyasCalendarPickerProps)} />
      <output data-testid="saved">{JSON.stringify(value ?? null)}</output>
    </form>
  )
}

/**
 * The calendars of a connected account, to choose from: in `conflicts` mode the ones checked for
 * conflicts (checkboxes), in `destination` mode the one new events go to (radios, writable
 * calendars only). The picker reads `GET /api/pyas/{provider}/calendars?accountId=` through
 * React Query; each story answers that route with msw.
 */
const meta = {
  title: 'Components/PyasCalendarPicker',
  component: PyasCalendarPicker,
  args: {
    provider: 'google',
    accountId: 'acc_google_1',
    mode: 'conflicts',
    onChange: fn(),
  },
  render: (args) => <Controlled {...(args as PyasCalendarPickerProps)} />,
  parameters: {
    layout: 'padded',
    pyas: { readout: false } satisfies PyasStoryParameters,
    msw: { handlers: { calendars: [statesRoute, calendarsRoute] } },
  },
} satisfies Meta<typeof PyasCalendarPicker>

export default meta
type Story = StoryObj<typeof meta>

/** The group (fieldset) once it shows its calendars. */
async function loadedGroup(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  const group = await canvas.findByRole('group')
  await waitFor(() => expect(group).toHaveAttribute('data-state', 'ready'))
  return group
}

/**
 * Conflicts mode: every calendar, the primary checked before the app has a value, the holidays
 * marked "(read-only)". Nothing is reported until the user acts; Tab and Space toggle.
 */
export const Conflicts: Story = {
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const group = await loadedGroup(canvasElement)
    await expect(group).toHaveAccessibleName(t['calendars.conflicts'])
    const inGroup = within(group)
    const boxes = inGroup.getAllByRole('checkbox')
    await expect(boxes).toHaveLength(3)
    const primary = inGroup.getByRole('checkbox', { name: 'ada@example.com' })
    await expect(primary).toBeChecked()
    await expect(
      inGroup.getByRole('checkbox', {
        name: `Holidays in United States ${t['calendars.readOnly']}`,
      }),
    ).not.toBeChecked()
    await expect(inGroup.getByText('Design <review>')).toBeVisible()
    await expect(args.onChange).not.toHaveBeenCalled()
    primary.focus()
    await userEvent.tab()
    await expect(inGroup.getByRole('checkbox', { name: 'Design <review>' })).toHaveFocus()
    await userEvent.keyboard(' ')
    await expect(args.onChange).toHaveBeenLastCalledWith([
      'ada@example.com',
      'team@group.calendar.google.com',
    ])
    await expect(inGroup.getByRole('checkbox', { name: 'Design <review>' })).toBeChecked()
  },
}

/**
 * Destination mode: only writable calendars, as radios; the primary is chosen until the app has a
 * value, and the arrow keys move the choice.
 */
export const Destination: Story = {
  args: { mode: 'destination' },
  async play({ canvasElement, args, globals }) {
    const t = messagesOf(globals)
    const group = await loadedGroup(canvasElement)
    await expect(group).toHaveAccessibleName(t['calendars.destination'])
    const inGroup = within(group)
    await expect(inGroup.getAllByRole('radio')).toHaveLength(2)
    await expect(inGroup.queryByText('Holidays in United States')).toBeNull()
    const primary = inGroup.getByRole('radio', { name: 'ada@example.com' })
    await expect(primary).toBeChecked()
    await expect(args.onChange).not.toHaveBeenCalled()
    primary.focus()
    await userEvent.keyboard('{ArrowDown}')
    await expect(inGroup.getByRole('radio', { name: 'Design <review>' })).toBeChecked()
    await expect(args.onChange).toHaveBeenCalledTimes(1)
    await expect(args.onChange).toHaveBeenCalledWith('team@group.calendar.google.com')
  },
}

/** An Outlook account in conflicts mode, with the app's saved value. */
export const OutlookWithValue: Story = {
  args: {
    provider: 'microsoft',
    accountId: 'acc_outlook_1',
    mode: 'conflicts',
    value: ['AAMk-shared'],
  },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const inGroup = within(await loadedGroup(canvasElement))
    await expect(inGroup.getByRole('checkbox', { name: 'Support rota' })).toBeChecked()
    await expect(inGroup.getByRole('checkbox', { name: 'Calendar' })).not.toBeChecked()
    await expect(
      inGroup.getByRole('checkbox', { name: `United States holidays ${t['calendars.readOnly']}` }),
    ).toBeVisible()
  },
}

/** While the calendars load: "Loading calendars…", shown and announced, the group busy. */
export const Loading: Story = {
  parameters: { msw: { handlers: { calendars: [http.get(ROUTE, () => delay('infinite'))] } } },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const group = await within(canvasElement).findByRole('group')
    await expect(group).toHaveAttribute('aria-busy', 'true')
    await expect(within(group).getByRole('status')).toHaveTextContent(t['calendars.loading'])
    await expect(within(group).queryByRole('checkbox')).toBeNull()
  },
}

// The proxy fails until the play function has seen the error (a `once` handler would stay used
// up for the same story in another locale, in the same page).
let retryFails = true

/**
 * The request failed (here the proxy answered 500): the error's message from the table, shown and
 * announced, and "Try again", which asks again — the second answer lists the calendars and focus
 * moves to them.
 */
export const ErrorAndRetry: Story = {
  parameters: {
    msw: {
      handlers: {
        calendars: [
          http.get(ROUTE, () =>
            retryFails ? HttpResponse.json({ error: 'boom' }, { status: 500 }) : undefined,
          ),
          calendarsRoute,
        ],
      },
    },
  },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const group = await within(canvasElement).findByRole('group')
    const retry = await within(group).findByRole('button', { name: t['calendars.retry'] })
    await expect(group).toHaveAttribute('data-state', 'error')
    const status = within(group).getByRole('status')
    await expect(status).toHaveTextContent(t['error.proxy_error'])
    await expect(status).toHaveAttribute('data-tone', 'error')
    retry.focus()
    retryFails = false
    try {
      await userEvent.keyboard('{Enter}')
      await waitFor(() => expect(group).toHaveAttribute('data-state', 'ready'))
    } finally {
      retryFails = true
    }
    await expect(within(group).getByRole('checkbox', { name: 'ada@example.com' })).toHaveFocus()
  },
}

/** The error state as it stays: the proxy keeps refusing (401 → its message from the table). */
export const ErrorState: Story = {
  parameters: {
    msw: {
      handlers: {
        calendars: [
          http.get(ROUTE, () =>
            HttpResponse.json({ error: 'Unauthorized. Invalid API key.' }, { status: 401 }),
          ),
        ],
      },
    },
  },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const group = await within(canvasElement).findByRole('group')
    await within(group).findByRole('button', { name: t['calendars.retry'] })
    await expect(within(group).getByRole('status')).toHaveTextContent(t['error.unauthorized'])
  },
}

/** An account without calendars: "No calendars found." */
export const Empty: Story = {
  parameters: {
    msw: {
      handlers: {
        calendars: [
          http.get(ROUTE, () => HttpResponse.json({ success: true, data: { calendars: [] } })),
        ],
      },
    },
  },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const group = await within(canvasElement).findByRole('group')
    await waitFor(() => expect(group).toHaveAttribute('data-state', 'empty'))
    await expect(within(group).getByRole('status')).toHaveTextContent(t['calendars.empty'])
  },
}

/** In Arabic, right to left: each box sits on the right (the inline start) before its name. */
export const RightToLeft: Story = {
  globals: { locale: 'ar' },
  async play({ canvasElement, globals }) {
    const t = messagesOf(globals)
    const group = await loadedGroup(canvasElement)
    await expect(group).toHaveAccessibleName(t['calendars.conflicts'])
    await expect(getComputedStyle(group).direction).toBe('rtl')
    for (const label of group.querySelectorAll('label')) {
      const box = label.querySelector('input')!.getBoundingClientRect()
      const name = label.querySelector('.pyas-calendars__name')!.getBoundingClientRect()
      await expect(box.left).toBeGreaterThan(name.left)
    }
    await expectNoHorizontalOverflow(canvasElement)
  },
}

const STATES: Array<{ title: string; props: Partial<PyasCalendarPickerProps>; state: string }> = [
  { title: 'Conflicts', props: { mode: 'conflicts' }, state: 'ready' },
  { title: 'Destination', props: { mode: 'destination' }, state: 'ready' },
  {
    title: 'Outlook',
    props: { provider: 'microsoft', accountId: 'acc_outlook_1' },
    state: 'ready',
  },
  { title: 'Loading', props: { accountId: 'acc_loading' }, state: 'loading' },
  { title: 'Error', props: { accountId: 'acc_error' }, state: 'error' },
  { title: 'Empty', props: { accountId: 'acc_empty' }, state: 'empty' },
]

/** Every state side by side (each picker its own account, answered accordingly). */
export const AllStates: Story = {
  render: (args) => (
    <div className="demo-grid">
      {STATES.map(({ title, props, state }) => (
        <section
          key={title}
          aria-label={title}
          className="demo-accounts-card"
          data-expected-state={state}
        >
          <PyasCalendarPicker {...({ ...args, ...props } as PyasCalendarPickerProps)} />
        </section>
      ))}
    </div>
  ),
  async play({ canvasElement }) {
    const canvas = within(canvasElement)
    for (const { title, state } of STATES) {
      const group = within(canvas.getByRole('region', { name: title })).getByRole('group')
      await waitFor(() => expect(group).toHaveAttribute('data-state', state))
    }
  },
}

import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { HttpResponse, http } from 'msw'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PyasCalendarPicker } from '../../src/index.js'
import { messages as ar } from '../../src/locales/ar.js'
import { messages as en } from '../../src/locales/en.js'
import { messages as ja } from '../../src/locales/ja.js'
import { setupCalendarsProxy } from './calendarsProxy.js'
import { PROXY, renderWithPyas } from './helpers.js'

const { server, requests } = setupCalendarsProxy()

// Failed answers log a developer hint in development; kept out of the test output.
let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => warn.mockRestore())

const PRIMARY = 'ada@example.com'
const TEAM = 'team@group.calendar.google.com'
const HOLIDAYS = 'en.usa#holiday@group.v.calendar.google.com'

describe('PyasCalendarPicker', () => {
  describe('conflicts mode', () => {
    it('should list every calendar as a checkbox in a fieldset, read-only ones marked', async () => {
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
      )
      const group = screen.getByRole('group', { name: 'Check these calendars for conflicts' })
      await within(group).findByRole('checkbox', { name: 'ada@example.com' })
      const boxes = within(group).getAllByRole('checkbox')
      expect(boxes.map((box) => (box as HTMLInputElement).value)).toEqual([PRIMARY, TEAM, HOLIDAYS])
      expect(
        within(group).getByRole('checkbox', { name: 'Holidays in United States (read-only)' }),
      ).toBeInTheDocument()
      expect(group).toHaveAttribute('data-state', 'ready')
      expect(requests[0]!.pathname).toBe('/api/pyas/google/calendars')
    })

    it('should show the primary checked and call onChange only when the user acts', async () => {
      const onChange = vi.fn()
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={onChange}
        />,
      )
      const primary = await screen.findByRole('checkbox', { name: 'ada@example.com' })
      expect(primary).toBeChecked()
      expect(screen.getByRole('checkbox', { name: /Team/ })).not.toBeChecked()
      expect(onChange).not.toHaveBeenCalled()
      await userEvent.click(screen.getByRole('checkbox', { name: /read-only/ }))
      expect(onChange).toHaveBeenLastCalledWith([PRIMARY, HOLIDAYS])
      await userEvent.click(primary)
      expect(onChange).toHaveBeenLastCalledWith([HOLIDAYS])
      expect(primary).not.toBeChecked()
    })

    it("should show the app's value, dropping ids that are no longer listed", async () => {
      const onChange = vi.fn()
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          value={[TEAM, 'deleted-calendar']}
          onChange={onChange}
        />,
      )
      const team = await screen.findByRole('checkbox', { name: /Team/ })
      expect(team).toBeChecked()
      expect(screen.getByRole('checkbox', { name: 'ada@example.com' })).not.toBeChecked()
      await userEvent.click(screen.getByRole('checkbox', { name: 'ada@example.com' }))
      expect(onChange).toHaveBeenCalledWith([PRIMARY, TEAM])
    })

    it("should start another account from its own primary, not the last account's choice", async () => {
      const onChange = vi.fn()
      const { rerender } = renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={onChange}
        />,
      )
      await userEvent.click(await screen.findByRole('checkbox', { name: /Team/ }))
      expect(onChange).toHaveBeenLastCalledWith([PRIMARY, TEAM])
      rerender(
        <PyasCalendarPicker
          provider="microsoft"
          accountId="acc-m"
          mode="conflicts"
          onChange={onChange}
        />,
      )
      expect(await screen.findByRole('checkbox', { name: 'Calendar' })).toBeChecked()
      expect(onChange).toHaveBeenCalledTimes(1)
    })

    it('should toggle with the keyboard (Tab, Space)', async () => {
      const onChange = vi.fn()
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={onChange}
        />,
      )
      await screen.findByRole('checkbox', { name: 'ada@example.com' })
      const u = userEvent.setup()
      await u.tab()
      await u.tab()
      expect(screen.getByRole('checkbox', { name: /Team/ })).toHaveFocus()
      await u.keyboard(' ')
      expect(onChange).toHaveBeenCalledWith([PRIMARY, TEAM])
    })
  })

  describe('destination mode', () => {
    it('should offer only writable calendars as radios, the primary chosen', async () => {
      const onChange = vi.fn()
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="destination"
          onChange={onChange}
        />,
      )
      const group = screen.getByRole('group', { name: 'Add new events to' })
      const primary = await within(group).findByRole('radio', { name: 'ada@example.com' })
      expect(within(group).getAllByRole('radio')).toHaveLength(2)
      expect(within(group).queryByText(/Holidays/)).toBeNull()
      expect(primary).toBeChecked()
      expect(onChange).not.toHaveBeenCalled()
      await userEvent.click(within(group).getByRole('radio', { name: /Team/ }))
      expect(onChange).toHaveBeenCalledExactlyOnceWith(TEAM)
      expect(primary).not.toBeChecked()
    })

    it("should list only Microsoft's editable calendars, under a given legend", async () => {
      const onChange = vi.fn()
      renderWithPyas(
        <PyasCalendarPicker
          provider="microsoft"
          accountId="acc-m"
          mode="destination"
          onChange={onChange}
          legend="Bookings go to"
        />,
      )
      const radio = await screen.findByRole('radio', { name: 'Calendar' })
      expect(screen.getByRole('group', { name: 'Bookings go to' })).toBeInTheDocument()
      // Microsoft's holidays calendar is read-only: the only radio is the default calendar.
      expect(screen.getAllByRole('radio')).toHaveLength(1)
      expect(radio).toBeChecked()
      expect(onChange).not.toHaveBeenCalled()
    })

    it('should follow a controlled value and the arrow keys', async () => {
      function App() {
        const [value, setValue] = useState(TEAM)
        return (
          <PyasCalendarPicker
            provider="google"
            accountId="acc-g"
            mode="destination"
            value={value}
            onChange={setValue}
          />
        )
      }
      renderWithPyas(<App />)
      const team = await screen.findByRole('radio', { name: /Team/ })
      expect(team).toBeChecked()
      const u = userEvent.setup()
      await u.tab()
      expect(team).toHaveFocus()
      await u.keyboard('{ArrowUp}')
      expect(screen.getByRole('radio', { name: 'ada@example.com' })).toBeChecked()
      expect(team).not.toBeChecked()
    })
  })

  describe('states', () => {
    it('should show and announce loading, then clear the status', async () => {
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
      )
      const status = screen.getByRole('status')
      expect(status).toHaveTextContent('Loading calendars…')
      expect(screen.getByRole('group')).toHaveAttribute('aria-busy', 'true')
      await screen.findByRole('checkbox', { name: 'ada@example.com' })
      expect(status).toHaveTextContent('')
      expect(screen.getByRole('group')).not.toHaveAttribute('aria-busy')
    })

    it('should show the empty state', async () => {
      server.use(
        http.get(`${PROXY}/google/calendars`, () =>
          HttpResponse.json({ success: true, data: { calendars: [] } }),
        ),
      )
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
      )
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent('No calendars found.'),
      )
      expect(screen.getByRole('group')).toHaveAttribute('data-state', 'empty')
      expect(screen.queryByRole('checkbox')).toBeNull()
    })

    it('should be empty in destination mode when no calendar is writable', async () => {
      server.use(
        http.get(`${PROXY}/microsoft/calendars`, () =>
          HttpResponse.json({
            success: true,
            data: { calendars: [{ id: 'ro', name: 'Shared', canEdit: false }] },
          }),
        ),
      )
      renderWithPyas(
        <PyasCalendarPicker
          provider="microsoft"
          accountId="m"
          mode="destination"
          onChange={vi.fn()}
        />,
      )
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent('No calendars found.'),
      )
    })

    it('should show the error message, and "Try again" refetches and focuses the list', async () => {
      let fail = true
      server.use(
        http.get(`${PROXY}/google/calendars`, () =>
          fail
            ? HttpResponse.json({ error: 'Unauthorized. Invalid API key.' }, { status: 401 })
            : HttpResponse.json({
                success: true,
                data: { calendars: [{ id: 'c', summary: 'C', accessRole: 'owner' }] },
              }),
        ),
      )
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
      )
      const retry = await screen.findByRole('button', { name: 'Try again' })
      expect(screen.getByRole('status')).toHaveTextContent(en['error.unauthorized'])
      expect(screen.getByRole('status')).toHaveAttribute('data-tone', 'error')
      expect(screen.getByRole('group')).toHaveAttribute('data-state', 'error')
      fail = false
      retry.focus()
      await userEvent.keyboard('{Enter}')
      const box = await screen.findByRole('checkbox', { name: 'C' })
      expect(box).toHaveFocus()
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
    })

    it('should render a calendar name that looks like HTML as text', async () => {
      const { container } = renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
      )
      expect(
        await screen.findByRole('checkbox', { name: '<img src=x onerror=alert(1)>Team' }),
      ).toBeInTheDocument()
      expect(container.querySelector('img')).toBeNull()
    })

    it.each([
      ['ja', ja],
      ['ar', ar],
    ])('should speak the %s table', async (_, messages) => {
      renderWithPyas(
        <PyasCalendarPicker
          provider="google"
          accountId="acc-g"
          mode="conflicts"
          onChange={vi.fn()}
        />,
        { provider: { messages } },
      )
      expect(
        screen.getByRole('group', { name: messages['calendars.conflicts'] }),
      ).toBeInTheDocument()
      expect(screen.getByRole('status')).toHaveTextContent(messages['calendars.loading'])
      expect(
        await screen.findByRole('checkbox', {
          name: `Holidays in United States ${messages['calendars.readOnly']}`,
        }),
      ).toBeInTheDocument()
    })
  })

  it('should use class names and colour swatches, and drop them when unstyled', async () => {
    const first = renderWithPyas(
      <PyasCalendarPicker
        provider="google"
        accountId="acc-g"
        mode="conflicts"
        onChange={vi.fn()}
      />,
    )
    await screen.findByRole('checkbox', { name: 'ada@example.com' })
    expect(screen.getByRole('group')).toHaveClass('pyas-calendars')
    const swatch = first.container.querySelector<HTMLElement>('.pyas-calendars__swatch')!
    expect(swatch.style.getPropertyValue('--pyas-calendar-color')).toBe('#9a9cff')
    first.unmount()
    const second = renderWithPyas(
      <PyasCalendarPicker
        provider="google"
        accountId="acc-g"
        mode="conflicts"
        onChange={vi.fn()}
        unstyled
        className="mine"
      />,
    )
    await screen.findByRole('checkbox', { name: 'ada@example.com' })
    expect(screen.getByRole('group')).toHaveAttribute('class', 'mine')
    expect(second.container.querySelector('.pyas-calendars__swatch')).toBeNull()
  })

  it('should have no axe violations when loaded', async () => {
    renderWithPyas(
      <PyasCalendarPicker
        provider="google"
        accountId="acc-g"
        mode="conflicts"
        onChange={vi.fn()}
      />,
    )
    await screen.findByRole('checkbox', { name: 'ada@example.com' })
    const rules = { 'color-contrast': { enabled: false } }
    expect((await axe.run(screen.getByRole('group'), { rules })).violations).toEqual([])
  })

  it('should have no axe violations in the error state', async () => {
    server.use(http.get(`${PROXY}/google/calendars`, () => new HttpResponse(null, { status: 502 })))
    renderWithPyas(
      <PyasCalendarPicker
        provider="google"
        accountId="acc-g"
        mode="destination"
        onChange={vi.fn()}
      />,
    )
    await screen.findByRole('button', { name: 'Try again' })
    const rules = { 'color-contrast': { enabled: false } }
    expect((await axe.run(screen.getByRole('group'), { rules })).violations).toEqual([])
  })
})

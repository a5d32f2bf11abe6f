'use client'
import { type CSSProperties, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import type { PyasCalendar, PyasCalendarProvider } from '../core/calendars.js'
import { enCalendars } from '../core/messages.js'
import { usePyasCalendars } from './usePyasCalendars.js'
import { usePyasMessages } from './usePyasMessages.js'

interface PickerBaseProps {
  /** The account's provider: `google` or `microsoft`. */
  provider: PyasCalendarProvider
  /** The account whose calendars to show. */
  accountId: string
  /** The group's caption. @defaultValue the `calendars.conflicts` / `calendars.destination` message */
  legend?: ReactNode
  /** Drops the default look (class `pyas-calendars` and the colour swatches). @defaultValue `false` */
  unstyled?: boolean
  /** Class names added to the picker (kept with `unstyled`). */
  className?: string
}

/** `conflicts` mode: the calendars checked for conflicts, as checkboxes. */
export interface PyasCalendarPickerConflictsProps extends PickerBaseProps {
  /** Checkboxes: the calendars whose events count as busy. */
  mode: 'conflicts'
  /** The ids checked. Until the app has one, the primary calendar is shown checked. */
  value?: readonly string[]
  /** Called when the user checks or unchecks one, with the ids checked (in the list's order). */
  onChange: (value: string[]) => void
}

/** `destination` mode: the one writable calendar new events go to, as radios. */
export interface PyasCalendarPickerDestinationProps extends PickerBaseProps {
  /** Radios: the one writable calendar new events are added to. */
  mode: 'destination'
  /** The id chosen. Until the app has one, the primary calendar is shown chosen (when writable). */
  value?: string
  /** Called when the user picks one, with its id. */
  onChange: (value: string) => void
}

/** Props of {@link PyasCalendarPicker}: one shape per `mode`. */
export type PyasCalendarPickerProps =
  | PyasCalendarPickerConflictsProps
  | PyasCalendarPickerDestinationProps

type PickerState = 'loading' | 'error' | 'empty' | 'ready'

/**
 * The calendars of a connected account to choose from: in `conflicts` mode checkboxes (read-only
 * calendars marked "(read-only)"), in `destination` mode radios listing only writable calendars.
 * Native inputs in a `<fieldset>` with a `<legend>`; loading, error (with "Try again") and empty
 * states are shown in a polite live region. It stores nothing: the app saves the selection on its
 * server, which re-lists the account's calendars and rejects ids that are not in the list.
 */
export function PyasCalendarPicker(props: PyasCalendarPickerProps) {
  const { provider, accountId, mode, legend, unstyled = false, className } = props
  const text = usePyasMessages(enCalendars)
  const query = usePyasCalendars({ provider, accountId })
  const name = useId()
  // What the user chose while the app passes no `value` (so the inputs still respond), for this
  // account and mode only: another account starts again from its primary calendar.
  const [own, setOwn] = useState<{ key: string; value: string[] | string }>()
  const ownKey = `${provider}\n${accountId}\n${mode}`
  const list = useRef<HTMLUListElement>(null)
  const retried = useRef(false)

  const calendars = (query.data ?? []).filter(
    (calendar) => mode === 'conflicts' || calendar.writable,
  )
  const state: PickerState =
    query.isPending || (query.isError && query.isFetching)
      ? 'loading'
      : query.isError
        ? 'error'
        : calendars.length === 0
          ? 'empty'
          : 'ready'

  // "Try again" leaves the page once the list is back: focus goes to the list, not to the body.
  useEffect(() => {
    if (state === 'loading' || !retried.current) return
    retried.current = false
    list.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus()
  }, [state])

  const primary = calendars.find((calendar) => calendar.primary)
  const ownValue = own?.key === ownKey ? own.value : undefined
  let isChecked: (calendar: PyasCalendar) => boolean
  let choose: (calendar: PyasCalendar, checked: boolean) => void
  if (props.mode === 'conflicts') {
    const { onChange } = props
    const shown = props.value ?? (ownValue as string[] | undefined) ?? (primary ? [primary.id] : [])
    isChecked = (calendar) => shown.includes(calendar.id)
    choose = (calendar, checked) => {
      // Ids no longer in the list are left out: they cannot be saved anyway.
      const next = calendars
        .filter((item) => (item.id === calendar.id ? checked : shown.includes(item.id)))
        .map((item) => item.id)
      setOwn({ key: ownKey, value: next })
      onChange(next)
    }
  } else {
    const { onChange } = props
    const shown = props.value ?? (ownValue as string | undefined) ?? primary?.id
    isChecked = (calendar) => calendar.id === shown
    choose = (calendar) => {
      setOwn({ key: ownKey, value: calendar.id })
      onChange(calendar.id)
    }
  }

  const status =
    state === 'loading'
      ? text['calendars.loading']
      : state === 'error'
        ? query.error?.message
        : state === 'empty'
          ? text['calendars.empty']
          : ''
  const classes =
    [unstyled ? '' : 'pyas-calendars', className].filter(Boolean).join(' ') || undefined

  return (
    <fieldset
      className={classes}
      data-mode={mode}
      data-state={state}
      aria-busy={state === 'loading' || undefined}
    >
      <legend className="pyas-calendars__legend">{legend ?? text[`calendars.${mode}`]}</legend>
      <p
        role="status"
        className="pyas-calendars__status"
        data-tone={state === 'error' ? 'error' : 'neutral'}
      >
        {status}
      </p>
      {(state === 'error' || (state === 'loading' && query.isError)) && (
        // Kept (aria-disabled) while retrying, so keyboard focus stays on it.
        <button
          type="button"
          className="pyas-calendars__retry"
          aria-disabled={state === 'loading' || undefined}
          onClick={() => {
            if (state === 'loading') return
            retried.current = true
            void query.refetch()
          }}
        >
          {text['calendars.retry']}
        </button>
      )}
      {state === 'ready' && (
        <ul className="pyas-calendars__list" ref={list}>
          {calendars.map((calendar) => (
            <li
              key={calendar.id}
              className="pyas-calendars__item"
              data-primary={calendar.primary || undefined}
              data-writable={calendar.writable}
            >
              <label className="pyas-calendars__label">
                <input
                  type={mode === 'conflicts' ? 'checkbox' : 'radio'}
                  name={name}
                  value={calendar.id}
                  checked={isChecked(calendar)}
                  onChange={(event) => choose(calendar, event.currentTarget.checked)}
                />
                {!unstyled && calendar.color && (
                  <span
                    className="pyas-calendars__swatch"
                    aria-hidden="true"
                    style={{ '--pyas-calendar-color': calendar.color } as CSSProperties}
                  />
                )}
                {/* One box for the name and its note, so the note wraps with the name's text. */}
                <span className="pyas-calendars__text">
                  {/* A name's direction is its own (an English name on an Arabic page). */}
                  <span className="pyas-calendars__name" dir="auto">
                    {calendar.name}
                  </span>
                  {mode === 'conflicts' && !calendar.writable && (
                    <>
                      {' '}
                      <span className="pyas-calendars__note">{text['calendars.readOnly']}</span>
                    </>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}

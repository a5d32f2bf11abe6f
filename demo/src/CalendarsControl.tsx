import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import {
  PyasCalendarPicker,
  type PyasCalendarProvider,
  pyasCalendarsKey,
  usePyasCalendars,
} from '../../src/index.js'
import './calendars.css'

/** The calendars the user chose for one account, as the demo server saved them. */
interface CalendarChoice {
  conflicts: string[]
  destination: string | null
  updatedAt: string
}

/** GET /api/accounts/:accountId/calendars */
interface ChoiceAnswer {
  selection: CalendarChoice | null
  /** When a `calendars.*` webhook last named the account: the page lists its calendars again. */
  calendarsChangedAt: string | null
}

/** The server's typed refusal (`unknown_calendar`, `read_only_destination`, …), shown as is. */
class SaveError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const choiceKey = (accountId: string) => ['demo', 'calendars', accountId] as const
const choiceUrl = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}/calendars`

async function fetchChoice(accountId: string): Promise<ChoiceAnswer> {
  const response = await fetch(choiceUrl(accountId), { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`Loading your choice failed (HTTP ${response.status})`)
  return response.json()
}

async function saveChoice(accountId: string, choice: Omit<CalendarChoice, 'updatedAt'>) {
  const response = await fetch(choiceUrl(accountId), {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(choice),
  })
  const body = await response.json().catch(() => undefined)
  if (!response.ok) {
    throw new SaveError(
      response.status,
      body?.error ?? 'error',
      body?.message ?? `Saving failed (HTTP ${response.status}).`,
    )
  }
  return (body as { selection: CalendarChoice }).selection
}

/** Offline only: the fake Pyas adds a calendar to the account and sends `calendars.created`. */
async function simulateNewCalendar(accountId: string) {
  const response = await fetch(`/api/demo${choiceUrl(accountId).slice('/api'.length)}`, {
    method: 'POST',
  })
  if (!response.ok) throw new Error(`Adding a calendar failed (HTTP ${response.status})`)
}

interface CalendarsControlProps {
  account: { accountId: string; provider: PyasCalendarProvider; email?: string }
  /** Offline: a Google row offers "Add a calendar (simulate)". */
  canSimulate: boolean
}

/**
 * "Calendars" on a connected Google or Outlook row: which calendars count for conflicts and which
 * one new bookings go to, saved on the server (which checks every id against the account's
 * calendars as Pyas lists them). Closed, it loads nothing.
 */
export function CalendarsControl({ account, canSimulate }: CalendarsControlProps) {
  const [open, setOpen] = useState(false)
  const panel = useId()
  return (
    <div className="calendars-control">
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((value) => !value)}
      >
        Calendars
      </button>
      {open && <CalendarsPanel id={panel} account={account} canSimulate={canSimulate} />}
    </div>
  )
}

function CalendarsPanel({ id, account, canSimulate }: CalendarsControlProps & { id: string }) {
  const { accountId, provider } = account
  const queryClient = useQueryClient()
  const calendars = usePyasCalendars({ provider, accountId })
  // Read again every few seconds while open, so a calendars webhook shows without a reload.
  const choice = useQuery({
    queryKey: choiceKey(accountId),
    queryFn: () => fetchChoice(accountId),
    refetchInterval: 5000,
  })
  const [draft, setDraft] = useState<{ conflicts?: string[]; destination?: string }>({})

  // A calendars webhook arrived since the list was read: list the account's calendars again.
  const changedAt = choice.data?.calendarsChangedAt
  const seen = useRef(changedAt)
  useEffect(() => {
    if (changedAt === undefined || changedAt === seen.current) return
    const first = seen.current === undefined
    seen.current = changedAt
    if (first) return // the first answer: the list was just read
    void queryClient.invalidateQueries({ queryKey: pyasCalendarsKey(provider, accountId) })
  }, [changedAt, provider, accountId, queryClient])

  const saved = choice.data?.selection ?? undefined
  const list = calendars.data ?? []
  const ids = new Set(list.map((calendar) => calendar.id))
  const primary = list.find((calendar) => calendar.primary)
  const writable = (calendarId: string | null | undefined) =>
    list.some((calendar) => calendar.id === calendarId && calendar.writable)
  const conflicts = draft.conflicts ?? saved?.conflicts
  const destination = draft.destination ?? saved?.destination ?? undefined

  const save = useMutation({
    // What the pickers show, without calendars the account no longer has.
    mutationFn: () =>
      saveChoice(accountId, {
        conflicts: (conflicts ?? (primary ? [primary.id] : [])).filter((each) => ids.has(each)),
        destination: writable(destination)
          ? (destination as string)
          : writable(primary?.id)
            ? (primary?.id as string)
            : null,
      }),
    onSuccess: (selection) => {
      queryClient.setQueryData(choiceKey(accountId), (old: ChoiceAnswer | undefined) => ({
        calendarsChangedAt: old?.calendarsChangedAt ?? null,
        selection,
      }))
      setDraft({})
    },
  })
  const simulate = useMutation({
    mutationFn: () => simulateNewCalendar(accountId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: choiceKey(accountId) }),
  })
  const edit = (next: typeof draft) => {
    save.reset()
    setDraft((current) => ({ ...current, ...next }))
  }

  const ready = calendars.isSuccess && choice.isSuccess
  const status = save.isPending
    ? 'Saving…'
    : save.isError
      ? save.error.message
      : save.isSuccess
        ? 'Saved. Acme checks these calendars for conflicts and adds new bookings to the one chosen.'
        : choice.isError
          ? 'Could not load your saved choice.'
          : ''

  return (
    <section
      id={id}
      className="calendars-panel"
      aria-label={`Calendars of ${account.email ?? accountId}`}
    >
      <div className="calendars-panel__pickers">
        <PyasCalendarPicker
          mode="conflicts"
          provider={provider}
          accountId={accountId}
          legend="Check for conflicts"
          {...(conflicts ? { value: conflicts } : {})}
          onChange={(value) => edit({ conflicts: value })}
        />
        <PyasCalendarPicker
          mode="destination"
          provider={provider}
          accountId={accountId}
          legend="Add new bookings to"
          {...(destination ? { value: destination } : {})}
          onChange={(value) => edit({ destination: value })}
        />
      </div>
      <div className="calendars-panel__actions">
        <button
          type="button"
          className="button button--small calendars-panel__save"
          disabled={!ready || save.isPending}
          onClick={() => save.mutate()}
        >
          Save calendars
        </button>
        {canSimulate && provider === 'google' && (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={simulate.isPending}
            onClick={() => simulate.mutate()}
          >
            Add a calendar at Google (simulate)
          </button>
        )}
      </div>
      <p
        role="status"
        className="calendars-panel__status"
        data-tone={save.isError || choice.isError ? 'error' : 'neutral'}
      >
        {status}
      </p>
    </section>
  )
}

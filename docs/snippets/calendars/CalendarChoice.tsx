'use client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { PyasCalendarPicker, usePyasCalendars } from '../../../src/index.js'

interface Choice {
  conflicts: string[]
  destination: string | null
}

/**
 * One connected account's calendar settings: the calendars checked for conflicts and the one new
 * bookings go to, read from and saved to your server (which checks every id again).
 */
export function CalendarChoice({
  provider,
  accountId,
}: {
  provider: 'google' | 'microsoft'
  accountId: string
}) {
  const url = `/api/accounts/${encodeURIComponent(accountId)}/calendars`
  const saved = useQuery({
    queryKey: ['calendar-choice', accountId],
    queryFn: async () => ((await (await fetch(url)).json()) as { choice: Choice | null }).choice,
  })
  // The same query the pickers read (one request): what they show before any choice.
  const primary = usePyasCalendars({ provider, accountId }).data?.find((each) => each.primary)
  const [draft, setDraft] = useState<Partial<Choice>>({})
  const conflicts = draft.conflicts ?? saved.data?.conflicts
  const destination = draft.destination ?? saved.data?.destination ?? undefined
  const save = useMutation({
    mutationFn: async (choice: Choice) => {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(choice),
      })
      // 400 {error: 'unknown_calendar' | 'read_only_destination' | …, message}
      if (!response.ok) throw new Error((await response.json()).message)
    },
  })

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate({
          conflicts: conflicts ?? (primary ? [primary.id] : []),
          destination: destination ?? (primary?.writable ? primary.id : null),
        })
      }}
    >
      <PyasCalendarPicker
        provider={provider}
        accountId={accountId}
        mode="conflicts" // checkboxes; value: string[]
        legend="Check for conflicts"
        value={conflicts} // until there is one, the primary calendar shows checked
        onChange={(ids) => setDraft((old) => ({ ...old, conflicts: ids }))}
      />
      <PyasCalendarPicker
        provider={provider}
        accountId={accountId}
        mode="destination" // radios, writable calendars only; value: string
        legend="Add new bookings to"
        value={destination}
        onChange={(id) => setDraft((old) => ({ ...old, destination: id }))}
      />
      <button type="submit" disabled={save.isPending}>
        Save
      </button>
      {save.isError && <p role="alert">{save.error.message}</p>}
    </form>
  )
}

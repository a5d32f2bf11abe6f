'use client'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useContext } from 'react'
import {
  fetchCalendars,
  isCalendarProvider,
  type PyasCalendar,
  type PyasCalendarProvider,
  pyasCalendarsKey,
} from '../core/calendars.js'
import { localizeError } from '../core/localizeError.js'
import { enCalendars, enConnect } from '../core/messages.js'
import { PyasConnectError, toPyasConnectError } from '../core/PyasConnectError.js'
import { PyasContext, usePyasQueryClient } from './PyasProvider.js'
import { useLatest } from './useLatest.js'
import { usePyasMessages } from './usePyasMessages.js'

export { pyasCalendarsKey }

/** Options of {@link usePyasCalendars}. */
export interface UsePyasCalendarsOptions {
  /** The account's provider: `google` or `microsoft` (Zoom has meetings, not calendars). */
  provider: PyasCalendarProvider
  /** The account whose calendars to list, as saved from `onConnected`. */
  accountId: string
  /** Set `false` to hold the request (e.g. until the account is known). @defaultValue `true` */
  enabled?: boolean
}

/** What {@link usePyasCalendars} returns: React Query's result, `data` sorted primary first. */
export type UsePyasCalendarsResult = UseQueryResult<PyasCalendar[], PyasConnectError>

/**
 * The calendars of a connected account, read through the proxy
 * (`GET {proxyUrl}/{provider}/calendars?accountId=`) as a React Query query keyed by
 * {@link pyasCalendarsKey}, on the client's `QueryClient` (`PyasProvider`'s, else the app's). Errors are
 * {@link PyasConnectError}s with messages in force; a failed request is not retried by itself
 * (`refetch()` tries again). Results stay fresh for a minute: invalidate the key when a
 * `calendars.created`/`calendars.deleted` webhook arrives.
 */
export function usePyasCalendars(options: UsePyasCalendarsOptions): UsePyasCalendarsResult {
  const { provider, accountId, enabled = true } = options
  const config = useContext(PyasContext)
  const queryClient = usePyasQueryClient(config)
  const connectText = usePyasMessages(enConnect)
  const text = usePyasMessages(enCalendars)
  // The request reads the latest configuration and texts; only the key's inputs start a new one.
  const latest = useLatest({ config, connectText, text })
  return useQuery<PyasCalendar[], PyasConnectError>(
    {
      queryKey: pyasCalendarsKey(provider, accountId),
      // React Query's `signal` is left unread on purpose: reading it makes every unmount cancel the
      // request, so StrictMode's remount (and a quick tab switch) would send it twice.
      queryFn: async () => {
        const { config, connectText, text } = latest.current
        try {
          const fieldErrors: Record<string, string> = {}
          if (!isCalendarProvider(provider)) {
            fieldErrors.provider = text['calendars.provider.invalid']
          }
          if (typeof accountId !== 'string' || accountId === '') {
            fieldErrors.accountId = text['calendars.accountId.required']
          }
          if (Object.keys(fieldErrors).length > 0) {
            throw new PyasConnectError('invalid_request', { fieldErrors })
          }
          return await fetchCalendars(config, provider, accountId)
        } catch (error) {
          throw localizeError(toPyasConnectError(error), connectText)
        }
      },
      enabled,
      retry: false,
      staleTime: 60_000,
    },
    queryClient,
  )
}

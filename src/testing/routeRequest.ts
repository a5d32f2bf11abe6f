import type { ProviderId } from '../core/providers.js'
import { isProvider } from './providerDetails.js'

/** Where a request lands in the fake. `prefix` is the path the fake is mounted under. */
export type FakePyasRoute =
  | { kind: 'oauth' | 'connect'; provider: ProviderId; prefix: string }
  | { kind: 'calendars'; provider: 'google' | 'microsoft'; prefix: string }
  | { kind: 'consent' | 'decision'; prefix: string }
  | { kind: 'not_found' }

/**
 * Routes by the end of the path only, so the fake answers under any prefix
 * (`https://api.pyas.io/google/oauth`, `http://127.0.0.1:5173/fake-pyas/google/oauth`).
 */
export function routeRequest(request: Request): FakePyasRoute {
  const segments = new URL(request.url).pathname.replace(/\/$/, '').split('/')
  const last = segments.at(-1)
  const previous = segments.at(-2)
  const prefixBefore = (count: number) => segments.slice(0, -count).join('/')
  const { method } = request

  if (last === 'consent' && method === 'GET') return { kind: 'consent', prefix: prefixBefore(1) }
  if (previous === 'consent' && last === 'decision' && (method === 'GET' || method === 'POST')) {
    return { kind: 'decision', prefix: prefixBefore(2) }
  }
  if (isProvider(previous)) {
    if (last === 'oauth' && method === 'GET') {
      return { kind: 'oauth', provider: previous, prefix: prefixBefore(2) }
    }
    if (last === 'connect' && method === 'POST') {
      return { kind: 'connect', provider: previous, prefix: prefixBefore(2) }
    }
    // Zoom has meetings, not calendars: its calendars path is not found, as upstream.
    if (last === 'calendars' && method === 'GET' && previous !== 'zoom') {
      return { kind: 'calendars', provider: previous, prefix: prefixBefore(2) }
    }
  }
  return { kind: 'not_found' }
}

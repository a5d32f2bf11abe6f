import { createState } from './attempts.js'
import { needsEmail, type ProviderId } from './providers.js'

/** An OAuth URL fetched ahead of the click, with the state it was fetched for. */
export interface PrefetchedUrl {
  state: string
  /** Set once the request succeeded, so the click can navigate without waiting at all. */
  url?: string
  promise: Promise<string>
}

/** A prefetched URL is used once, and only this fresh. */
export const PREFETCH_TTL_MS = 5 * 60 * 1000

/**
 * Holds at most one prefetched OAuth URL. The state is only a candidate: no attempt record exists
 * until the click `take`s it. A failed prefetch is forgotten, so the click fetches afresh.
 */
export function createPrefetchCache(now: () => number = Date.now) {
  let held: (PrefetchedUrl & { key: string; at: number }) | undefined
  const fresh = (key: string) => held && held.key === key && now() - held.at < PREFETCH_TTL_MS
  return {
    warm(key: string, fetchUrl: (state: string) => Promise<string>): void {
      if (fresh(key)) return
      const state = createState()
      const entry = { key, state, at: now(), promise: fetchUrl(state) } as NonNullable<typeof held>
      entry.promise.then(
        (url) => {
          entry.url = url
        },
        () => {
          if (held === entry) held = undefined
        },
      )
      held = entry
    },
    take(key: string): PrefetchedUrl | undefined {
      const entry = fresh(key) ? held : undefined
      held = undefined
      return entry
    },
  }
}

/** What a prefetched URL depends on: the provider and (except for zoom) the email. */
export const prefetchKey = (provider: ProviderId, email: string | undefined): string =>
  `${provider}\n${needsEmail(provider) ? (email?.trim() ?? '') : ''}`

import type { PyasProviderId } from '../../src/index.js'
import type { FakePyas } from '../../src/testing/index.js'

/** How the simulated user comes back from the consent screen. */
export type ReturnKind =
  /** Allowed: `?code=…&state=…`, with the attempt record `connect()` would have saved. */
  | 'allowed'
  /** Denied: `?error=access_denied&state=…`, with the attempt record. */
  | 'denied'
  /** A callback this browser never started: `?code=…&state=…` and no attempt record. */
  | 'foreign'

export interface ReturnInputs {
  provider: PyasProviderId
  name: string
  email?: string | undefined
  /** The fake behind the story's proxy: the code is minted there, so it is valid. */
  fake: FakePyas
}

/** The email of every account the stories connect. */
export const ACCOUNT_EMAIL = 'ada@example.com'

/** A state the way the library makes one: `pyas_` + base64url of 32 random bytes. */
function freshState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  const base64 = btoa(String.fromCharCode(...bytes))
  return `pyas_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}

/**
 * Puts the page where the provider would have sent the user back: saves the attempt record under
 * `pyas:attempt:<state>` (as `connect()` does) and adds `code`/`error` + `state` to the address
 * bar with `history.replaceState`, keeping Storybook's own parameters (`id`, `viewMode`). The
 * library reads it, cleans the URL and exchanges the code as on a real return.
 *
 * The state is new every time: the library keeps each processed callback (and its outcome, in
 * storage) per state, so stories that share a document (docs pages, the AllStates grid, the story
 * tests) never see each other's callbacks.
 */
export function simulateReturn(kind: ReturnKind, inputs: ReturnInputs): string {
  const { provider, name, email, fake } = inputs
  const state = freshState()
  if (kind !== 'foreign') {
    const record = {
      state,
      provider,
      name,
      ...(provider !== 'zoom' && email ? { email } : {}),
      mode: 'redirect',
      createdAt: Date.now(),
    }
    localStorage.setItem(`pyas:attempt:${state}`, JSON.stringify(record))
  }
  const url = new URL(window.location.href)
  if (kind === 'denied') url.searchParams.set('error', 'access_denied')
  else url.searchParams.set('code', fake.issueCode(provider, { state, email: ACCOUNT_EMAIL }))
  url.searchParams.set('state', state)
  window.history.replaceState(window.history.state, '', url)
  return state
}

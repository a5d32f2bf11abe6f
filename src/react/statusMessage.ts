import type { ConnectState } from '../core/connectReducer.js'

/** What the polite live region says for a state. Empty when there is nothing to announce. */
export function statusMessage(
  brand: string,
  state: Pick<ConnectState, 'status' | 'account' | 'error'>,
): string {
  switch (state.status) {
    case 'preparing':
    case 'redirecting':
      return `Redirecting to ${brand}…`
    case 'exchanging':
      return `Connecting your ${brand} account…`
    case 'connected':
      return `Connected as ${state.account?.email || state.account?.name || brand}`
    case 'cancelled':
      return `Connection to ${brand} was cancelled.`
    case 'error':
      return state.error?.message ?? ''
    default:
      return ''
  }
}

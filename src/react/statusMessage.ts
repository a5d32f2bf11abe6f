import type { ConnectState } from '../core/connectReducer.js'
import type { ConnectMessages } from '../core/localizeError.js'
import { formatMessage } from '../core/messages.js'

/** What the live region (and the status line) says for a state, and its tone. */
export function statusMessage(
  brand: string,
  state: Pick<ConnectState, 'status' | 'account' | 'error'>,
  messages: ConnectMessages,
): [text: string, tone: 'neutral' | 'success' | 'error'] {
  const { status, account, error } = state
  switch (status) {
    case 'preparing':
    case 'redirecting':
      return [formatMessage(messages['status.redirecting'], { brand }), 'neutral']
    case 'exchanging':
    case 'cancelled':
      return [formatMessage(messages[`status.${status}`], { brand }), 'neutral']
    case 'connected':
      return [
        formatMessage(messages['status.connected'], {
          account: account?.email || account?.name || brand,
        }),
        'success',
      ]
    case 'error':
      return [error?.message ?? '', 'error']
    default:
      return ['', 'neutral']
  }
}

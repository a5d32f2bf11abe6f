import type { CallbackParams } from './callbackUrl.js'
import { openChannel, type PopupChannelEnv, type PopupMessage } from './popupChannel.js'

/**
 * Opens an empty centred popup. Call it synchronously inside the click: Safari blocks a
 * `window.open` that comes after an `await`. `null` when the browser blocked it.
 */
export function openPopup(win: Window = window): Window | null {
  const width = 500
  const height = 640
  const left = Math.max(0, (win.screenX ?? 0) + ((win.outerWidth ?? width) - width) / 2)
  const top = Math.max(0, (win.screenY ?? 0) + ((win.outerHeight ?? height) - height) / 2)
  return win.open(
    'about:blank',
    '_blank',
    `popup,width=${width},height=${height},left=${left},top=${top}`,
  )
}

export interface PopupWatch {
  onCallback: (params: CallbackParams) => void
  onClosed: () => void
  /** How long a popup must have looked closed before `onClosed` may fire. @defaultValue 2000 */
  graceMs?: number
  /** @defaultValue 500 */
  pollMs?: number
  /**
   * Whether this (the opener's) document has focus.
   * @defaultValue `() => document.hasFocus()`
   */
  hasFocus?: () => boolean
  channel?: PopupChannelEnv
}

/**
 * Waits for the popup of attempt `state` to report back over the channel. `popup.closed` alone is
 * not trusted: a provider page with Cross-Origin-Opener-Policy severs the popup from us and makes
 * it look closed while the user is still on it. `onClosed` fires only when `popup.closed` has been
 * true for the grace period, no message for `state` came, and this document has focus, as it does
 * again once the user really closes the popup (while they are still in a severed popup, it does
 * not). Checked on every poll and on the window's `focus` event. A user who comes back to the
 * opener with a severed popup still open is taken to have closed it; so the channel keeps
 * listening after `onClosed`, and a late message still completes the connect.
 * Returns a function that stops watching.
 */
export function watchPopup(popup: Window, state: string, watch: PopupWatch): () => void {
  // Only ever called in a browser, right after `window.open` gave us the popup.
  const { graceMs = 2000, hasFocus = () => document.hasFocus() } = watch
  const channel = openChannel(watch.channel)
  const origin = watch.channel?.origin ?? location.origin
  let closedAt: number | undefined
  const unwatch = () => {
    clearInterval(poll)
    window.removeEventListener('focus', check)
  }
  const stop = () => {
    unwatch()
    channel?.close()
    window.removeEventListener('message', onWindowMessage)
  }
  const check = () => {
    if (!popup.closed) return
    closedAt ??= Date.now()
    if (Date.now() - closedAt < graceMs || !hasFocus()) return
    unwatch()
    watch.onClosed()
  }
  /** Takes the callback for `state` (messages for any other state are not ours) and acknowledges it. */
  const receive = (data: PopupMessage | undefined, ack: (message: PopupMessage) => void) => {
    if (data?.type !== 'callback' || data.params?.state !== state) return
    // Acknowledged both ways, so the popup can close itself whichever way reached us.
    ack({ type: 'ack', state })
    stop()
    watch.onCallback(data.params)
  }
  const onWindowMessage = (event: MessageEvent<PopupMessage>) => {
    // Only this origin's windows may hand us a callback, and only the one for our attempt.
    if (event.origin !== origin) return
    receive(event.data, (ack) => {
      channel?.postMessage(ack)
      try {
        ;(event.source as Window | null)?.postMessage(ack, origin)
      } catch {
        // The popup is gone; it times out and finishes nothing, as we already have the callback.
      }
    })
  }
  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<PopupMessage>) =>
      receive(data, (ack) => channel.postMessage(ack))
  }
  window.addEventListener('message', onWindowMessage)
  const poll = setInterval(check, watch.pollMs ?? 500)
  window.addEventListener('focus', check)
  return stop
}

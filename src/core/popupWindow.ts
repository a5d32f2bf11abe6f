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
  /** How long a closed popup may still report back. @defaultValue 2000 */
  graceMs?: number
  /** @defaultValue 500 */
  pollMs?: number
  channel?: PopupChannelEnv
}

/**
 * Waits for the popup of attempt `state` to report back over the channel. `closed` alone is not
 * trusted: a provider page with Cross-Origin-Opener-Policy severs the popup from us and makes it
 * look closed while the user is still on it. So `onClosed` fires only after a grace period with no
 * message, and the channel keeps listening afterwards: a late message still completes the connect.
 * Returns a function that stops watching.
 */
export function watchPopup(popup: Window, state: string, watch: PopupWatch): () => void {
  let grace: ReturnType<typeof setTimeout> | undefined
  const channel = openChannel(watch.channel)
  const stop = () => {
    clearInterval(poll)
    clearTimeout(grace)
    channel?.close()
  }
  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<PopupMessage>) => {
      if (data?.type !== 'callback' || data.params?.state !== state) return
      // Acknowledge, so the popup can close itself; messages for any other state are not ours.
      channel.postMessage({ type: 'ack', state } satisfies PopupMessage)
      stop()
      watch.onCallback(data.params)
    }
  }
  const poll = setInterval(() => {
    if (!popup.closed) return
    clearInterval(poll)
    grace = setTimeout(watch.onClosed, watch.graceMs ?? 2000)
  }, watch.pollMs ?? 500)
  return stop
}

import type { AttemptRecord } from './attempts.js'
import type { CallbackParams } from './callbackUrl.js'

/** The channel popups and openers of one origin talk on. Same-origin only, by design. */
export const CHANNEL_NAME = 'pyas'

export type PopupMessage =
  | { type: 'callback'; params: CallbackParams }
  | { type: 'ack'; state: string }

/** A `postMessage` target: the opener (in the popup) or the popup (in the opener). */
type MessageTarget = Pick<Window, 'postMessage'>

export interface PopupChannelEnv {
  BroadcastChannel?: typeof BroadcastChannel
  close?: () => void
  /** The window that opened this popup. @defaultValue `window.opener` */
  opener?: MessageTarget | null
  /** This window, whose `message` events carry the opener's answer. @defaultValue `window` */
  self?: Pick<Window, 'addEventListener' | 'removeEventListener'>
  /** This page's origin: the only one messages are sent to and accepted from. */
  origin?: string
  /** How long the popup waits for its opener to take the callback. @defaultValue 1500 */
  ackTimeoutMs?: number
}

/** The popup channel, or `undefined` where the browser has no `BroadcastChannel`. */
export function openChannel(env: PopupChannelEnv = {}): BroadcastChannel | undefined {
  const Channel = env.BroadcastChannel ?? globalThis.BroadcastChannel
  return Channel && new Channel(CHANNEL_NAME)
}

/** `window.opener`, or null when there is none or reading it throws. */
function openerOf(env: PopupChannelEnv): MessageTarget | null {
  if (env.opener !== undefined) return env.opener
  try {
    return (window.opener as Window | null) ?? null
  } catch {
    return null
  }
}

/**
 * In the popup: hands the callback to the window that opened it and closes this one. It goes over
 * the `BroadcastChannel` and, when there is an opener, also by `opener.postMessage` to this origin:
 * a popup opened from a cross-site frame is a top-level window whose storage and channels the
 * browser keeps apart from the frame's, so only `opener` reaches it. With no attempt record here
 * it is offered only when there is an opener. Resolves `false` when no opener answered in time (it
 * was closed, or navigated away); the popup then finishes the connect itself, like a redirect.
 */
export function handOffToOpener(
  record: AttemptRecord | undefined,
  params: CallbackParams,
  env: PopupChannelEnv = {},
): Promise<boolean> {
  const opener = openerOf(env)
  if (!record && !opener) return Promise.resolve(false)
  const origin = env.origin ?? location.origin
  const self = env.self ?? window
  const channel = openChannel(env)
  if (!channel && !opener) return Promise.resolve(false)
  return new Promise((resolve) => {
    const isAck = (data: PopupMessage | undefined) =>
      data?.type === 'ack' && data.state === params.state
    const onWindowMessage = (event: MessageEvent<PopupMessage>) => {
      if (event.origin === origin && isAck(event.data)) done(true)
    }
    const done = (handedOff: boolean) => {
      clearTimeout(timer)
      channel?.close()
      self.removeEventListener('message', onWindowMessage)
      resolve(handedOff)
      if (handedOff) (env.close ?? (() => window.close()))()
    }
    const timer = setTimeout(() => done(false), env.ackTimeoutMs ?? 1500)
    const message: PopupMessage = { type: 'callback', params }
    if (channel) {
      channel.onmessage = ({ data }: MessageEvent<PopupMessage>) => {
        if (isAck(data)) done(true)
      }
      channel.postMessage(message)
    }
    self.addEventListener('message', onWindowMessage)
    try {
      opener?.postMessage(message, origin)
    } catch {
      // A severed or cross-origin opener: the channel (if any) is the only way left.
    }
  })
}

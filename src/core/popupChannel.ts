import type { CallbackParams } from './callbackUrl.js'

/** The channel popups and openers of one origin talk on. Same-origin only, by design. */
export const CHANNEL_NAME = 'pyas'

export type PopupMessage =
  | { type: 'callback'; params: CallbackParams }
  | { type: 'ack'; state: string }

export interface PopupChannelEnv {
  BroadcastChannel?: typeof BroadcastChannel
  close?: () => void
  /** How long the popup waits for its opener to take the callback. @defaultValue 1500 */
  ackTimeoutMs?: number
}

/** The popup channel, or `undefined` where the browser has no `BroadcastChannel`. */
export function openChannel(env: PopupChannelEnv = {}): BroadcastChannel | undefined {
  const Channel = env.BroadcastChannel ?? globalThis.BroadcastChannel
  return Channel && new Channel(CHANNEL_NAME)
}

/**
 * In the popup: hands the callback to the window that opened it and closes this one. Resolves
 * `false` when no opener answered in time (it was closed, or navigated away); the popup then
 * finishes the connect itself, like a redirect.
 */
export function handOffToOpener(
  params: CallbackParams,
  env: PopupChannelEnv = {},
): Promise<boolean> {
  const channel = openChannel(env)
  if (!channel) return Promise.resolve(false)
  return new Promise((resolve) => {
    const done = (handedOff: boolean) => {
      clearTimeout(timer)
      channel.close()
      resolve(handedOff)
      if (handedOff) (env.close ?? (() => window.close()))()
    }
    const timer = setTimeout(() => done(false), env.ackTimeoutMs ?? 1500)
    channel.onmessage = ({ data }: MessageEvent<PopupMessage>) => {
      if (data?.type === 'ack' && data.state === params.state) done(true)
    }
    channel.postMessage({ type: 'callback', params } satisfies PopupMessage)
  })
}

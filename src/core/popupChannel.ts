import type { CallbackParams } from './callbackUrl.js'

/** The channel popups and openers of one origin talk on. Same-origin only, by design. */
export const CHANNEL_NAME = 'pyas'

type PopupMessage = { type: 'callback'; params: CallbackParams } | { type: 'ack'; state: string }

export interface PopupChannelEnv {
  BroadcastChannel?: typeof BroadcastChannel
  close?: () => void
  /** How long the popup waits for its opener to take the callback. @defaultValue 1500 */
  ackTimeoutMs?: number
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
  const Channel = env.BroadcastChannel ?? globalThis.BroadcastChannel
  if (!Channel) return Promise.resolve(false)
  const channel = new Channel(CHANNEL_NAME)
  return new Promise((resolve) => {
    const done = (handedOff: boolean) => {
      clearTimeout(timer)
      channel.close()
      resolve(handedOff)
      if (handedOff) (env.close ?? (() => window.close()))()
    }
    const timer = setTimeout(() => done(false), env.ackTimeoutMs ?? 1500)
    channel.onmessage = (event: MessageEvent<PopupMessage>) => {
      if (event.data?.type === 'ack' && event.data.state === params.state) done(true)
    }
    channel.postMessage({ type: 'callback', params } satisfies PopupMessage)
  })
}

/**
 * In the opener: calls `onCallback` once when the popup for `state` reports back, and acknowledges
 * it so the popup can close. Messages for any other state are ignored. Returns an unsubscribe.
 */
export function listenForPopup(
  state: string,
  onCallback: (params: CallbackParams) => void,
  env: Pick<PopupChannelEnv, 'BroadcastChannel'> = {},
): () => void {
  const Channel = env.BroadcastChannel ?? globalThis.BroadcastChannel
  if (!Channel) return () => {}
  const channel = new Channel(CHANNEL_NAME)
  channel.onmessage = (event: MessageEvent<PopupMessage>) => {
    const data = event.data
    if (data?.type !== 'callback' || data.params?.state !== state) return
    channel.postMessage({ type: 'ack', state } satisfies PopupMessage)
    channel.close()
    onCallback(data.params)
  }
  return () => channel.close()
}

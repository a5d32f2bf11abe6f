import { afterEach, describe, expect, it, vi } from 'vitest'
import { handOffToOpener } from '../../src/core/popupChannel.js'
import { watchPopup } from '../../src/core/popupWindow.js'
import { makeAttempt, OTHER_STATE, STATE } from './fakes.js'

const ORIGIN = 'http://localhost:3000'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A channel-less browser: only `opener.postMessage` connects the popup and the frame. */
const noChannel = { BroadcastChannel: undefined as unknown as typeof BroadcastChannel }

describe('handOffToOpener', () => {
  it('should hand off through opener.postMessage to its own origin when channels cannot reach', async () => {
    const self = new EventTarget()
    const close = vi.fn()
    const opener = {
      postMessage: vi.fn((message: unknown, origin: string) => {
        expect(origin).toBe(ORIGIN)
        // The opener acknowledges by posting back to the popup.
        const ack = new MessageEvent('message', {
          origin: ORIGIN,
          data: { type: 'ack', state: STATE },
        })
        queueMicrotask(() => self.dispatchEvent(ack))
        return message
      }),
    }
    const handed = await handOffToOpener(
      undefined,
      { state: STATE, code: 'c' },
      {
        ...noChannel,
        opener: opener as unknown as Window,
        self: self as Window,
        origin: ORIGIN,
        close,
      },
    )
    expect(handed).toBe(true)
    expect(opener.postMessage).toHaveBeenCalledWith(
      { type: 'callback', params: { state: STATE, code: 'c' } },
      ORIGIN,
    )
    expect(close).toHaveBeenCalled()
  })

  it('should not offer a callback with no record when there is no opener', async () => {
    const handed = await handOffToOpener(undefined, { state: STATE, code: 'c' }, { opener: null })
    expect(handed).toBe(false)
  })

  it('should ignore an ack from another origin and give up after the timeout', async () => {
    vi.useFakeTimers()
    const self = new EventTarget()
    const opener = {
      postMessage: vi.fn(() =>
        queueMicrotask(() =>
          self.dispatchEvent(
            new MessageEvent('message', {
              origin: 'https://evil.example',
              data: { type: 'ack', state: STATE },
            }),
          ),
        ),
      ),
    }
    const handed = handOffToOpener(
      makeAttempt({ mode: 'popup' }),
      { state: STATE, code: 'c' },
      {
        ...noChannel,
        opener: opener as unknown as Window,
        self: self as Window,
        origin: ORIGIN,
        ackTimeoutMs: 100,
      },
    )
    await vi.advanceTimersByTimeAsync(150)
    await expect(handed).resolves.toBe(false)
  })
})

describe('watchPopup receiving by postMessage', () => {
  const watch = () => {
    const onCallback = vi.fn()
    const popup = { closed: false } as Window
    const stop = watchPopup(popup, STATE, {
      onCallback,
      onClosed: vi.fn(),
      channel: { ...noChannel, origin: window.location.origin },
    })
    return { onCallback, stop }
  }
  const post = (origin: string, state: string, source?: { postMessage: () => void }) =>
    window.dispatchEvent(
      new MessageEvent('message', {
        origin,
        data: { type: 'callback', params: { state, code: 'c' } },
        source: (source ?? null) as unknown as Window,
      }),
    )

  it('should take its own state from its own origin and acknowledge to the source', () => {
    const { onCallback, stop } = watch()
    const source = { postMessage: vi.fn() }
    post(window.location.origin, STATE, source)
    expect(onCallback).toHaveBeenCalledWith({ state: STATE, code: 'c' })
    expect(source.postMessage).toHaveBeenCalledWith(
      { type: 'ack', state: STATE },
      window.location.origin,
    )
    stop()
  })

  it('should ignore a message from another origin, and one with a foreign state', () => {
    const { onCallback, stop } = watch()
    post('https://evil.example', STATE)
    post(window.location.origin, OTHER_STATE)
    expect(onCallback).not.toHaveBeenCalled()
    stop()
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PopupMessage } from '../../src/core/popupChannel.js'
import { type PopupWatch, watchPopup } from '../../src/core/popupWindow.js'
import { OTHER_STATE, STATE } from './fakes.js'

/** One BroadcastChannel we can speak for: `deliver` plays the popup, `posted` holds our acks. */
function fakeChannel() {
  const posted: PopupMessage[] = []
  let current: { onmessage: ((event: MessageEvent) => void) | null; closed: boolean } | undefined
  class Channel {
    onmessage: ((event: MessageEvent) => void) | null = null
    closed = false
    constructor() {
      current = this
    }
    postMessage(message: PopupMessage) {
      posted.push(message)
    }
    close() {
      this.closed = true
    }
  }
  const deliver = (data: PopupMessage) => current?.onmessage?.({ data } as MessageEvent)
  const isClosed = () => current?.closed
  return {
    BroadcastChannel: Channel as unknown as typeof BroadcastChannel,
    posted,
    deliver,
    isClosed,
  }
}

/**
 * Watches a popup that `closed` makes look closed, with the opener's focus in `focused`. Focus
 * coming back fires the window's `focus` event, as browsers do.
 */
function setup(options: Partial<PopupWatch> = {}) {
  const popup = { closed: false }
  const focus = { focused: false }
  const hasFocus = vi.fn(() => focus.focused)
  const channel = fakeChannel()
  const onCallback = vi.fn()
  const onClosed = vi.fn()
  const stop = watchPopup(popup as Window, STATE, {
    onCallback,
    onClosed,
    hasFocus,
    channel: { BroadcastChannel: channel.BroadcastChannel },
    ...options,
  })
  const focusReturns = () => {
    focus.focused = true
    window.dispatchEvent(new Event('focus'))
  }
  return { popup, focus, hasFocus, channel, onCallback, onClosed, stop, focusReturns }
}

const callback = (state: string): PopupMessage => ({
  type: 'callback',
  params: { state, code: 'popup-code' },
})

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('watchPopup', () => {
  it('should report a closed popup once the grace period has passed and the opener has focus', () => {
    const { popup, focus, onClosed, onCallback, stop } = setup()
    focus.focused = true
    popup.closed = true
    vi.advanceTimersByTime(500) // the poll sees it closed
    vi.advanceTimersByTime(1999)
    expect(onClosed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onClosed).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10_000)
    window.dispatchEvent(new Event('focus'))
    expect(onClosed).toHaveBeenCalledTimes(1)
    expect(onCallback).not.toHaveBeenCalled()
    stop()
  })

  it('should keep waiting while the opener has no focus, and report once focus returns', () => {
    const { popup, onClosed, focusReturns, stop } = setup()
    popup.closed = true
    vi.advanceTimersByTime(60_000)
    expect(onClosed).not.toHaveBeenCalled()
    focusReturns()
    expect(onClosed).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60_000)
    expect(onClosed).toHaveBeenCalledTimes(1)
    stop()
  })

  it('should notice returned focus on the next poll when no focus event fires', () => {
    const { popup, focus, onClosed, stop } = setup()
    popup.closed = true
    vi.advanceTimersByTime(5000)
    focus.focused = true
    expect(onClosed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(onClosed).toHaveBeenCalledTimes(1)
    stop()
  })

  it('should still wait out the grace period when focus returns right after the popup closed', () => {
    const { popup, onClosed, focusReturns, stop } = setup()
    popup.closed = true
    focusReturns() // closed is first seen here
    vi.advanceTimersByTime(1999)
    expect(onClosed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(onClosed).toHaveBeenCalledTimes(1)
    stop()
  })

  it('should never report a popup that is still open, whatever the focus', () => {
    const { onClosed, focusReturns, stop } = setup()
    focusReturns()
    vi.advanceTimersByTime(60_000)
    expect(onClosed).not.toHaveBeenCalled()
    stop()
  })

  it('should complete from a severed popup (closed, opener unfocused) and never report it closed', () => {
    const { popup, channel, onCallback, onClosed, focusReturns } = setup()
    popup.closed = true // COOP severed the opener; the user is still on the consent page
    vi.advanceTimersByTime(10_000)
    channel.deliver(callback(OTHER_STATE))
    expect(onCallback).not.toHaveBeenCalled()
    channel.deliver(callback(STATE))
    expect(onCallback).toHaveBeenCalledExactlyOnceWith({ state: STATE, code: 'popup-code' })
    expect(channel.posted).toEqual([{ type: 'ack', state: STATE }])
    expect(channel.isClosed()).toBe(true)
    focusReturns()
    vi.advanceTimersByTime(60_000)
    expect(onClosed).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('should still complete from a message that comes after reporting the popup closed', () => {
    const { popup, channel, onCallback, onClosed, focusReturns } = setup()
    popup.closed = true
    vi.advanceTimersByTime(5000)
    focusReturns()
    expect(onClosed).toHaveBeenCalledTimes(1)
    expect(channel.isClosed()).toBe(false)
    channel.deliver(callback(STATE))
    expect(onCallback).toHaveBeenCalledTimes(1)
    expect(channel.isClosed()).toBe(true)
  })

  it('should remove its timers and focus listener on stop()', () => {
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const { popup, hasFocus, channel, onClosed, focusReturns, stop } = setup()
    const listener = added.mock.calls.find(([type]) => type === 'focus')?.[1]
    expect(listener).toBeTypeOf('function')
    expect(vi.getTimerCount()).toBe(1)
    stop()
    expect(removed).toHaveBeenCalledWith('focus', listener)
    expect(vi.getTimerCount()).toBe(0)
    expect(channel.isClosed()).toBe(true)
    popup.closed = true
    focusReturns()
    vi.advanceTimersByTime(60_000)
    expect(hasFocus).not.toHaveBeenCalled()
    expect(onClosed).not.toHaveBeenCalled()
  })

  it('should ask document.hasFocus() by default', () => {
    const documentHasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false)
    const { popup, onClosed, stop } = setup({ hasFocus: undefined })
    popup.closed = true
    vi.advanceTimersByTime(10_000)
    expect(documentHasFocus).toHaveBeenCalled()
    expect(onClosed).not.toHaveBeenCalled()
    documentHasFocus.mockReturnValue(true)
    window.dispatchEvent(new Event('focus'))
    expect(onClosed).toHaveBeenCalledTimes(1)
    stop()
  })
})

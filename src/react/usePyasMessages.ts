'use client'
import { useContext, useMemo } from 'react'
import { mergeMessages, type PyasMessages } from '../core/messages.js'
import { PyasContext } from './PyasProvider.js'

/**
 * A component's own English texts (`part`) with the app's `messages` over them. Each component
 * passes only its part, so a bundle carries the texts of the components it uses.
 */
export function usePyasMessages<T extends Partial<PyasMessages>>(part: T): T {
  const { messages } = useContext(PyasContext)
  return useMemo(() => mergeMessages(part, messages), [part, messages])
}

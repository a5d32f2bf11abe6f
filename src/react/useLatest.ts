'use client'
import { useInsertionEffect, useRef } from 'react'

/** A ref that always holds the latest render's value, so stable callbacks read fresh props. */
export function useLatest<T>(value: T) {
  const ref = useRef(value)
  // An insertion effect runs before any layout or passive effect, so effects never see stale values.
  useInsertionEffect(() => {
    ref.current = value
  })
  return ref
}

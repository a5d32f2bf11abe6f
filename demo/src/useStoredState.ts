import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react'

type Area = 'local' | 'session'

const storageOf = (area: Area): Storage | undefined => {
  try {
    return area === 'local' ? window.localStorage : window.sessionStorage
  } catch {
    return undefined
  }
}

function read<T>(area: Area, key: string, fallback: T): T {
  try {
    const raw = storageOf(area)?.getItem(key)
    return raw == null ? fallback : (JSON.parse(raw) as T)
  } catch {
    return fallback
  }
}

function write(area: Area, key: string, value: unknown) {
  try {
    storageOf(area)?.setItem(key, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the demo still works, it just forgets on reload.
  }
}

/**
 * `useState` kept in localStorage (or sessionStorage), so the page survives the redirect round trip
 * and reloads. The setter writes at once, not in an effect: the `redirecting` event is logged right
 * before the page leaves, with no render in between. Other tabs and the popup write the same keys,
 * so `storage` events are followed too.
 */
export function useStoredState<T>(
  key: string,
  initial: T,
  area: Area = 'local',
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => read(area, key, initial))
  const latest = useRef(value)
  // Only a fallback: following its identity would resubscribe on every render.
  const fallback = useRef(initial)

  const update = useCallback<Dispatch<SetStateAction<T>>>(
    (action) => {
      const next = action instanceof Function ? action(latest.current) : action
      latest.current = next
      write(area, key, next)
      setValue(next)
    },
    [area, key],
  )

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === key && event.storageArea === storageOf(area)) {
        latest.current = read(area, key, fallback.current)
        setValue(latest.current)
      }
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [area, key])

  return [value, update]
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createContext,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react'
import { type PyasMessages, PyasProvider, type PyasProviderId } from '../../src/index.js'
import { LOCALES, type StoryLocale } from './locales.js'
import { SCENARIOS, type Scenario, type StateName } from './scenarios.js'
import { simulateReturn } from './simulateReturn.js'

/** `parameters.pyas` of a story. */
export interface PyasStoryParameters {
  /** The state the story shows; it decides the proxy and any simulated return. */
  scenario?: StateName
  /** The provider of a simulated return, for stories without a `provider` arg. */
  provider?: PyasProviderId
  /** Show the readout (state, live region, held navigation) under the story. @defaultValue true */
  readout?: boolean
}

/** The args the harness reads; every story's args have this shape or less. */
export interface FlowArgs {
  provider?: PyasProviderId
  name?: string
  email?: string
}

/**
 * Simulates the return from the provider for `scenario`. Each story frame has its own
 * `QueryClient`, so a callback an earlier story processed is not shown here.
 */
export function prepareScenario(
  scenario: Scenario | undefined,
  provider: PyasProviderId,
  args: FlowArgs,
): string | undefined {
  if (!scenario?.returnKind) return undefined
  return simulateReturn(scenario.returnKind, {
    provider,
    name: args.name ?? 'Ada Lovelace',
    email: args.email,
    fake: scenario.proxy.fake,
  })
}

/**
 * Mounts `children` only once `prepare` has run (when `active`), and calls `onMounted` after their
 * effects did. A `PyasProvider` reads the return URL once, in a passive effect when it mounts:
 * running `prepare` in a layout effect and mounting the provider in the synchronous re-render it
 * causes means nothing else (another story on a docs page, the next AllStates cell) can change the
 * URL in between.
 */
export function AfterPrepare(props: {
  /** Puts the return in the address bar; returns its `state` when it did. */
  prepare: () => string | undefined
  active?: boolean
  onMounted?: () => void
  children: ReactNode
}) {
  const { active = true, children } = props
  const [state, setState] = useState<string | undefined | null>(null)
  const latest = useRef(props)
  latest.current = props
  useLayoutEffect(() => {
    if (!active || state !== null) return
    setState(latest.current.prepare())
  }, [active, state])
  if (state === null) return null
  return (
    <>
      {children}
      <AfterRead state={state} run={latest.current.onMounted} />
    </>
  )
}

/**
 * Sibling after the story: calls `run` once the library has read the story's return. Reading it
 * is asynchronous (the return path loads on demand) and ends with the callback parameters removed
 * from the address bar, so `run` waits for `state` to leave the URL before the next story may put
 * its own return there.
 */
function AfterRead({ state, run }: { state: string | undefined; run: (() => void) | undefined }) {
  const once = useRef(run)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const check = () => {
      if (state && new URL(window.location.href).searchParams.get('state') === state) {
        timer = setTimeout(check, 10)
      } else {
        once.current?.()
      }
    }
    check()
    return () => clearTimeout(timer)
  }, [state])
  return null
}

/** What a connect button inside `ref` shows: its `data-state` and its live region's text. */
export function useObservedFlow(ref: RefObject<HTMLElement | null>) {
  const [seen, setSeen] = useState({ state: '', announces: '' })
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const read = () => {
      const state = root.querySelector('[data-state]')?.getAttribute('data-state') ?? ''
      const announces = root.querySelector('[role="status"]')?.textContent ?? ''
      setSeen((previous) =>
        previous.state === state && previous.announces === announces
          ? previous
          : { state, announces },
      )
    }
    read()
    const observer = new MutationObserver(read)
    observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-state'],
    })
    return () => observer.disconnect()
  }, [ref])
  return seen
}

/** A `navigate` for `PyasProvider` that keeps the page (and Storybook) where it is. */
export function useHeldNavigation() {
  const [held, setHeld] = useState<string>()
  const navigate = useCallback((url: string) => setHeld(url), [])
  return [held, navigate] as const
}

/** A consent URL, shortened for display: its path, and the provider it is for. */
export function describeUrl(url: string): string {
  const parsed = new URL(url, window.location.href)
  const provider = parsed.searchParams.get('provider')
  return `${parsed.pathname}${provider ? ` (${provider})` : ''}`
}

const StoryMessages = createContext<PyasMessages>(LOCALES.en.messages)

/**
 * The table of the toolbar's locale, for a story that renders `PyasProvider`s of its own (the
 * AllStates grid): an inner provider's `messages` replace the outer ones, they do not add to them.
 */
export const useStoryMessages = () => useContext(StoryMessages)

/**
 * The decorator behind every story: a fresh `QueryClient`, a `PyasProvider` on the story's proxy
 * whose `navigate` is held (a story never leaves Storybook) and with the toolbar locale's
 * `messages`, the scenario prepared before the story mounts, and a readout of what the button
 * shows and announces. The frame carries the locale's `lang` and `dir`: the library sets neither,
 * it follows the page, as an app's page would set them.
 */
export function StoryFrame(props: {
  parameters: PyasStoryParameters | undefined
  args: FlowArgs
  locale: StoryLocale
  children: ReactNode
}) {
  const { parameters = {}, args, locale, children } = props
  const { dir, messages } = LOCALES[locale]
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
      }),
  )
  const [held, navigate] = useHeldNavigation()
  const scenario = parameters.scenario ? SCENARIOS[parameters.scenario] : undefined
  const provider = args.provider ?? parameters.provider ?? 'google'
  const story = useRef<HTMLDivElement>(null)
  const seen = useObservedFlow(story)
  const readout = parameters.readout !== false
  return (
    <QueryClientProvider client={queryClient}>
      <div className={readout ? 'demo-frame' : undefined} lang={locale} dir={dir}>
        <StoryMessages.Provider value={messages}>
          <div ref={story} className="demo-story">
            {/* The provider mounts after the simulated return is in the address bar, as an app's
                does on a page load: it reads the return once, when it mounts. */}
            <AfterPrepare prepare={() => prepareScenario(scenario, provider, args)}>
              <PyasProvider
                proxyUrl={scenario?.proxy.url ?? '/api/pyas'}
                navigate={navigate}
                messages={messages}
              >
                {children}
              </PyasProvider>
            </AfterPrepare>
          </div>
        </StoryMessages.Provider>
        {readout && (
          <dl className="demo-readout">
            <div>
              <dt>data-state</dt>
              <dd>{seen.state || '—'}</dd>
            </div>
            <div>
              <dt>Live region</dt>
              <dd>{seen.announces || '(silent)'}</dd>
            </div>
            <div>
              <dt>navigate()</dt>
              <dd>{held ? `held: ${describeUrl(held)}` : 'not called'}</dd>
            </div>
          </dl>
        )}
      </div>
    </QueryClientProvider>
  )
}

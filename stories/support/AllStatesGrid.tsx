import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useId, useRef, useState } from 'react'
import { PyasProvider, type PyasProviderId } from '../../src/index.js'
import {
  AfterPrepare,
  describeUrl,
  type FlowArgs,
  prepareScenario,
  useHeldNavigation,
  useObservedFlow,
  useStoryMessages,
} from './harness.js'
import { brandOf, GROUPS, type Scenario, scenariosFor } from './scenarios.js'

/** The colour family of a `data-state` chip. */
const TONE: Record<string, string> = {
  idle: 'neutral',
  preparing: 'pending',
  redirecting: 'pending',
  exchanging: 'pending',
  connected: 'success',
  cancelled: 'warning',
  error: 'danger',
}

interface CardProps {
  scenario: Scenario
  provider: PyasProviderId
  args: FlowArgs
  active: boolean
  onMounted: () => void
  render: (overrides: Scenario['args']) => ReactNode
}

function StateCard({ scenario, provider, args, active, onMounted, render }: CardProps) {
  const stage = useRef<HTMLDivElement>(null)
  const { state, announces } = useObservedFlow(stage)
  const [held, navigate] = useHeldNavigation()
  // A client per card: the flow's memory of the page's returns lives with the client, and a
  // button shows any return its client read for its provider, so a shared one would show the
  // last card's outcome (say, StateMismatch's error) on every card of that provider.
  const [queryClient] = useState(() => new QueryClient())
  const messages = useStoryMessages()
  const titleId = useId()
  return (
    <article
      className="demo-card"
      aria-labelledby={titleId}
      data-scenario={scenario.name}
      data-expected-state={scenario.status}
    >
      <header className="demo-card__header">
        <h3 id={titleId}>{scenario.title}</h3>
        <code className={`demo-chip demo-chip--${TONE[state] ?? 'neutral'}`}>{state || '…'}</code>
      </header>
      <p className="demo-card__how">{scenario.how}</p>
      <div className="demo-card__stage" ref={stage}>
        {/* Each card is its own little app: its own proxy, and a navigate that stays put. */}
        {/* The provider mounts after the simulated return is in the address bar, as an app's
            does on a page load: it reads the return once, when it mounts. */}
        <AfterPrepare
          active={active}
          onMounted={onMounted}
          prepare={() => prepareScenario(scenario, provider, { ...args, ...scenario.args })}
        >
          <PyasProvider
            proxyUrl={scenario.proxy.url}
            navigate={navigate}
            queryClient={queryClient}
            messages={messages}
          >
            {render(scenario.args)}
          </PyasProvider>
        </AfterPrepare>
      </div>
      <footer className="demo-card__footer">
        <span className="demo-card__label">Announces</span>
        <span className={announces ? 'demo-card__announces' : 'demo-card__silent'}>
          {announces ? `“${announces}”` : 'Nothing (silent)'}
        </span>
        {held && (
          <>
            <span className="demo-card__label">navigate()</span>
            <span className="demo-card__held">held: {describeUrl(held)}</span>
          </>
        )}
      </footer>
    </article>
  )
}

/**
 * Every state of one button side by side, grouped as the round trip runs. The cards mount one
 * after another: each simulated return owns the address bar until its button has read it.
 */
export function AllStatesGrid(props: {
  component: string
  provider: PyasProviderId
  args: FlowArgs
  render: (overrides: Scenario['args']) => ReactNode
}) {
  const { component, provider, args, render } = props
  const scenarios = scenariosFor(provider)
  const [mounted, setMounted] = useState(0)
  const id = useId()
  return (
    <div className="demo-page">
      <header className="demo-page__header">
        <p className="demo-page__eyebrow">@pyas/react</p>
        <h1>
          <code>{`<${component}>`}</code> states
        </h1>
        <p className="demo-page__lede">
          Every state is reached through the real flow — a click, or a return from the consent
          screen — against an in-memory Pyas behind msw. Nothing is forced through props.
        </p>
        <ul className="demo-page__facts">
          <li>
            Provider <strong>{brandOf(provider)}</strong>
          </li>
          <li>
            <strong>{scenarios.length}</strong> states
          </li>
          <li>
            Proxy <strong>pyasHandlers + createFakePyas</strong>
          </li>
        </ul>
      </header>
      {GROUPS.map((group) => (
        <section key={group.id} className="demo-section" aria-labelledby={`${id}-${group.id}`}>
          <div className="demo-section__header">
            <h2 id={`${id}-${group.id}`}>{group.title}</h2>
            <p>{group.lede}</p>
          </div>
          <div className="demo-grid">
            {scenarios
              .filter((scenario) => scenario.group === group.id)
              .map((scenario) => {
                const index = scenarios.indexOf(scenario)
                return (
                  <StateCard
                    key={scenario.name}
                    scenario={scenario}
                    provider={provider}
                    args={args}
                    active={index <= mounted}
                    onMounted={() => setMounted((count) => Math.max(count, index + 1))}
                    render={render}
                  />
                )
              })}
          </div>
        </section>
      ))}
    </div>
  )
}

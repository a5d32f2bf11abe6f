import type { StoryObj } from '@storybook/react-vite'
import type { CSSProperties, ReactNode } from 'react'
import { expect, isMockFunction, userEvent, waitFor, within } from 'storybook/test'
import type { PyasMessages, PyasProviderId } from '../../src/index.js'
import { AllStatesGrid } from './AllStatesGrid.js'
import type { FlowArgs, PyasStoryParameters } from './harness.js'
import {
  expectMarksAtInlineStart,
  expectNoHorizontalOverflow,
  expectOffScreen,
  expectOnScreen,
  expectWholeText,
} from './layoutChecks.js'
import { LOCALES, localeOf } from './locales.js'
import { SCENARIOS, type Scenario, type StateName, scenariosFor } from './scenarios.js'

const PENDING = new Set(['preparing', 'redirecting', 'exchanging'])

/**
 * Drives one button in `scope` into `scenario`'s state the way a user would (a click, or nothing
 * when the page starts as a return), then checks its `data-state`, `aria-busy` and live region,
 * whose text comes from `messages`, the table in force. Returns the live region.
 */
export async function reachState(
  scope: HTMLElement,
  scenario: Scenario,
  provider: PyasProviderId,
  messages: PyasMessages,
) {
  const canvas = within(scope)
  const button = await canvas.findByRole('button')
  if (scenario.trigger === 'click') await userEvent.click(button)
  await waitFor(() => {
    expect(button).toHaveAttribute('data-state', scenario.status)
    expect(canvas.getByRole('status').textContent).toBe(scenario.announces(provider, messages))
  })
  if (PENDING.has(scenario.status)) await expect(button).toHaveAttribute('aria-busy', 'true')
  else await expect(button).not.toHaveAttribute('aria-busy')
  return canvas.getByRole('status')
}

const providerOf = (args: FlowArgs, fixed: PyasProviderId | undefined): PyasProviderId =>
  args.provider ?? fixed ?? 'google'

/** The args the factories below read or set; a subset of every button's props. */
type ButtonArgs = FlowArgs & {
  unstyled?: boolean
  statusDisplay?: 'visible' | 'hidden'
  style?: CSSProperties
}

/**
 * The story objects are built against `ButtonArgs` and handed back as the caller's `StoryObj`
 * (inferred from `export const X: Story = …`): one factory then serves all four button files,
 * whose props differ only in `provider`.
 */
const as = <TStory,>(story: StoryObj<ButtonArgs>) => story as TStory

/**
 * The story of one state. `provider` is the fixed provider of a provider button; `ConnectButton`
 * stories take it from their `provider` arg instead.
 */
export function stateStory<TStory>(name: StateName, provider?: PyasProviderId): TStory {
  const scenario = SCENARIOS[name]
  const pyas: PyasStoryParameters = { scenario: name, ...(provider ? { provider } : {}) }
  return as<TStory>({
    ...(scenario.args ? { args: scenario.args } : {}),
    parameters: {
      pyas,
      // Docs pages run the play function too, so each story shows the state it is named after.
      docs: { story: { autoplay: scenario.trigger === 'click' } },
    },
    async play({ canvasElement, args, globals, viewMode }) {
      const status = await reachState(
        canvasElement,
        scenario,
        providerOf(args, provider),
        LOCALES[localeOf(globals)].messages,
      )
      // What the live region says is also written beside the button, unless the app asked for
      // screen readers only (`statusDisplay="hidden"`, implied by `unstyled`). Measured in the
      // story's own view: on a docs page the story may sit below the fold.
      if (status.textContent && viewMode !== 'docs') {
        if (args.statusDisplay === 'hidden' || args.unstyled) await expectOffScreen(status)
        else {
          await expectOnScreen(status)
          await expectWholeText(status)
        }
      }
      const spy = scenario.calls && (args as Record<string, unknown>)[scenario.calls.handler]
      if (scenario.calls && isMockFunction(spy)) {
        const { code } = scenario.calls
        await expect(spy).toHaveBeenCalled()
        if (code) await expect(spy).toHaveBeenCalledWith(expect.objectContaining({ code }))
      }
      if (name === 'Redirecting') {
        // The consent URL went to PyasProvider's `navigate`, which the stories hold.
        await expect(within(canvasElement).getByText(/^held: .*\/consent \(/)).toBeVisible()
      }
    },
  })
}

/**
 * Every state side by side; its play function clicks through the click-driven ones. `button`
 * renders the component with the story's args (typed by the caller, hence `never` here).
 */
export function allStatesStory<TStory>(
  label: string,
  button: (args: never) => ReactNode,
  provider?: PyasProviderId,
): TStory {
  return as<TStory>({
    parameters: {
      layout: 'fullscreen',
      pyas: { readout: false } satisfies PyasStoryParameters,
      docs: { story: { autoplay: true } },
    },
    render: (args) => (
      <AllStatesGrid
        component={label}
        provider={providerOf(args, provider)}
        args={args}
        render={(overrides) => button({ ...args, ...overrides } as never)}
      />
    ),
    async play({ canvasElement, args, globals, viewMode }) {
      const current = providerOf(args, provider)
      const { dir, messages } = LOCALES[localeOf(globals)]
      for (const scenario of scenariosFor(current)) {
        const card = await within(canvasElement).findByRole('article', { name: scenario.title })
        await reachState(card, scenario, current, messages)
      }
      // Every label and message of the locale fits, and the marks follow the reading direction.
      if (viewMode === 'docs') return
      await expectNoHorizontalOverflow(canvasElement)
      await expectMarksAtInlineStart(canvasElement, dir)
      // Each card's status line shows its whole message, wrapped: the long errors included.
      const lines = [...canvasElement.querySelectorAll<HTMLElement>('.pyas-status')]
      for (const line of lines.filter((status) => status.textContent)) await expectWholeText(line)
    },
  })
}

/** The default look with the custom properties of a product's own design system. */
export const BRAND_THEME = {
  '--pyas-button-bg': '#eef2ff',
  '--pyas-button-fg': '#312e81',
  '--pyas-button-border': '#c7d2fe',
  '--pyas-button-hover-bg': '#e0e7ff',
  '--pyas-button-radius': '999px',
  '--pyas-button-padding-block': '10px',
  '--pyas-button-padding-inline': '14px 20px',
  '--pyas-button-gap': '12px',
  '--pyas-button-font': '600 15px / 20px ui-rounded, system-ui, sans-serif',
  '--pyas-focus-ring': '#4f46e5',
} as CSSProperties

/** Dark-surface values, after the providers' own dark sign-in buttons. */
export const DARK_THEME = {
  '--pyas-button-bg': '#131314',
  '--pyas-button-fg': '#e3e3e3',
  '--pyas-button-border': '#8e918f',
  '--pyas-button-hover-bg': '#2a2a2c',
  '--pyas-focus-ring': '#a8c7fa',
  '--pyas-success': '#81c995',
  '--pyas-danger': '#f2b8b5',
  colorScheme: 'dark',
} as CSSProperties

/**
 * `statusDisplay="hidden"`: `name`'s state with its message for screen readers only, for apps
 * that show it their own way. The state story's play function checks that it is off screen.
 */
export function hiddenStatusStory<TStory>(name: StateName, provider?: PyasProviderId): TStory {
  const story = stateStory<StoryObj<ButtonArgs>>(name, provider)
  return as<TStory>({ ...story, args: { ...story.args, statusDisplay: 'hidden' } })
}

/** `unstyled`: a bare native button, no class and no brand mark, for the app's own styles. */
export function unstyledStory<TStory>(): TStory {
  return as<TStory>({
    args: { unstyled: true },
    async play({ canvasElement }) {
      const button = await within(canvasElement).findByRole('button')
      await expect(button).not.toHaveClass('pyas-button')
      await expect(button.querySelector('svg')).toBeNull()
      await expect(button).toHaveAttribute('data-state', 'idle')
    },
  })
}

/** The `--pyas-button-*` custom properties, set through `style` (a class works as well). */
export function themedStory<TStory>(): TStory {
  return as<TStory>({
    args: { style: BRAND_THEME },
    async play({ canvasElement }) {
      const button = await within(canvasElement).findByRole('button')
      await expect(getComputedStyle(button).borderTopLeftRadius).toBe('999px')
      await expect(getComputedStyle(button).backgroundColor).toBe('rgb(238, 242, 255)')
    },
  })
}

/** On a dark app surface, with dark values for the same custom properties. */
export function darkBackgroundStory<TStory>(): TStory {
  return as<TStory>({
    args: { style: DARK_THEME },
    decorators: [
      (Story) => (
        <div className="demo-dark-surface">
          <p>Calendar</p>
          <Story />
        </div>
      ),
    ],
    async play({ canvasElement }) {
      const button = await within(canvasElement).findByRole('button')
      await expect(getComputedStyle(button).backgroundColor).toBe('rgb(19, 19, 20)')
    },
  })
}

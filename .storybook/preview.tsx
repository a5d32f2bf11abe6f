import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { configure } from 'storybook/test'
import { pyasHandlers } from '../src/testing/index.js'
import '../src/styles.css'
import '../stories/support/stories.css'
import { type FlowArgs, type PyasStoryParameters, StoryFrame } from '../stories/support/harness.js'
import { DEFAULT_LOCALE, LOCALES, localeOf } from '../stories/support/locales.js'
import { failureHandlers, proxies } from '../stories/support/scenarios.js'

// findBy*/waitFor give up after 1 s by default; a busy 2-core CI box needs more.
configure({ asyncUtilTimeout: 5000 })

const preview: Preview = {
  tags: ['autodocs'],
  // msw-storybook-addon 3: `mswLoader` is a factory now, from `/csf3`. It starts the worker from
  // public/mockServiceWorker.js and swaps in each story's `parameters.msw.handlers`.
  loaders: [mswLoader()],
  // The toolbar's "Locale": every story renders with that locale's `messages` on its
  // PyasProvider, and right to left (`dir="rtl"`) in Arabic. A story pins one with `globals`.
  globalTypes: {
    locale: {
      description: 'Locale of the texts (PyasProvider messages) and the reading direction',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: Object.entries(LOCALES).map(([value, { title, dir }]) => ({
          value,
          title,
          right: dir === 'rtl' ? 'RTL' : value,
        })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: DEFAULT_LOCALE },
  decorators: [
    (Story, context) => (
      <StoryFrame
        parameters={context.parameters.pyas as PyasStoryParameters | undefined}
        args={context.args as FlowArgs}
        locale={localeOf(context.globals)}
      >
        <Story />
      </StoryFrame>
    ),
  ],
  parameters: {
    layout: 'centered',
    // No story needs the network or an API key: the proxy routes are answered by the test kit's
    // `pyasHandlers` over an in-memory fake Pyas, plus one proxy path per failure mode (see
    // stories/support/scenarios.ts). A story may add its own group: `msw.handlers.<name>`.
    msw: {
      handlers: {
        pyas: pyasHandlers({ proxyUrl: '/api/pyas', fake: proxies.default.fake }),
        failures: failureHandlers,
      },
    },
    // Violations fail the story in `npm run test:stories`, not just in the panel.
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
  },
}

export default preview

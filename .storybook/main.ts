import type { StorybookConfig } from '@storybook/react-vite'
import type { PluginOption } from 'vite'

/**
 * Plugins of our library build that must not run in Storybook (Storybook loads vite.config.ts): vite-plugin-dts
 * (`unplugin:dts`) would write .d.ts files into storybook-static and cost ~2 s, and
 * `pyas:copy-styles` would emit a stray styles.css asset.
 */
const LIBRARY_ONLY = (name: string) => name.includes('dts') || name === 'pyas:copy-styles'

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  staticDirs: ['../public'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  typescript: {
    // react-docgen-typescript, not the default react-docgen: our props are interfaces that extend
    // types from other modules (UsePyasConnectOptions → ConnectInputs + CallbackHandlers) and the
    // provider buttons come from a forwardRef factory; only the TypeScript checker sees through both.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      // Descriptions without the tag lines; the tags come separately (see propFilter).
      shouldIncludePropTagMap: true,
      propFilter(prop) {
        // react-docgen-typescript reads only `@default`; our TSDoc says `@defaultValue`.
        const documented = (prop.tags as { defaultValue?: string } | undefined)?.defaultValue
        if (documented && !prop.defaultValue) {
          prop.defaultValue = { value: documented.replace(/^`([^`]*)`$/, '$1') }
        }
        // Our own props only: the ~250 inherited <button> attributes would bury them.
        return !prop.parent?.fileName.includes('node_modules')
      },
    },
  },
  async viteFinal(viteConfig) {
    // Flattened as unknown[] on purpose: flattening PluginOption[] is TS2589 (too deep).
    const plugins = ((viteConfig.plugins ?? []) as unknown[]).flat(Number.POSITIVE_INFINITY)
    const kept = plugins.filter(
      (plugin) =>
        !(
          plugin &&
          typeof plugin === 'object' &&
          'name' in plugin &&
          LIBRARY_ONLY(String(plugin.name))
        ),
    )
    return { ...viteConfig, plugins: kept as PluginOption[] }
  },
}

export default config

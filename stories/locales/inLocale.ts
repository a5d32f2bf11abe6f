import type { Meta, StoryObj } from '@storybook/react-vite'
import { createElement } from 'react'
import { expect } from 'storybook/test'
import { LOCALES, type StoryLocale } from '../support/locales.js'

/** Meta and stories of any component: their args are not looked at here, only passed on. */
type AnyMeta = Meta<Record<string, unknown>>
type AnyStory = StoryObj<AnyMeta>

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Storybook's own rule for parameters: the story's over the component's, merged in depth. */
function mergeParameters(
  outer: Record<string, unknown> = {},
  inner: Record<string, unknown> = {},
): Record<string, unknown> {
  const merged = { ...outer }
  for (const [key, value] of Object.entries(inner)) {
    const base = merged[key]
    merged[key] = isPlainObject(base) && isPlainObject(value) ? mergeParameters(base, value) : value
  }
  return merged
}

/**
 * `story` of the component `meta` describes, pinned to `locale` with the `locale` global, as a
 * story of another file: the component-level args, parameters, decorators and render come along.
 * Its play function runs as written (it reads the texts of the table in force), then checks that
 * the story frame says the locale's `lang` and `dir`, so a variant can't quietly run in English.
 * axe runs after it like after every story.
 */
export function inLocale(metaOf: object, storyOf: object, locale: StoryLocale): AnyStory {
  const [meta, story] = [metaOf as AnyMeta, storyOf as AnyStory]
  const { component } = meta
  const render: AnyStory['render'] =
    story.render ??
    meta.render ??
    (component ? (args) => createElement(component, args) : undefined)
  return {
    ...story,
    args: { ...meta.args, ...story.args },
    argTypes: { ...meta.argTypes, ...story.argTypes },
    parameters: mergeParameters(meta.parameters, story.parameters),
    decorators: [
      ...[story.decorators ?? []].flat(),
      ...[meta.decorators ?? []].flat(),
    ] as AnyStory['decorators'],
    render,
    globals: { ...story.globals, locale },
    async play(context) {
      await story.play?.(context)
      const frame = context.canvasElement.querySelector('[lang]')
      await expect(frame).toHaveAttribute('lang', locale)
      await expect(frame).toHaveAttribute('dir', LOCALES[locale].dir)
    },
  }
}

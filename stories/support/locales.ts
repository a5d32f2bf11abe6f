import type { PyasMessages } from '../../src/index.js'
import { messages as ar } from '../../src/locales/ar.js'
import { messages as de } from '../../src/locales/de.js'
import { messages as en } from '../../src/locales/en.js'
import { messages as es } from '../../src/locales/es.js'
import { messages as fr } from '../../src/locales/fr.js'
import { messages as ja } from '../../src/locales/ja.js'
import { messages as ptBR } from '../../src/locales/pt-BR.js'

/** The tags of the locales the library ships, as the toolbar's `locale` global holds them. */
export type StoryLocale = 'en' | 'de' | 'fr' | 'es' | 'pt-BR' | 'ja' | 'ar'

interface LocaleInfo {
  /** The language's own name, as the toolbar lists it. */
  title: string
  dir: 'ltr' | 'rtl'
  messages: PyasMessages
}

/** Every shipped locale, in the toolbar's order. */
export const LOCALES: Record<StoryLocale, LocaleInfo> = {
  en: { title: 'English', dir: 'ltr', messages: en },
  de: { title: 'Deutsch', dir: 'ltr', messages: de },
  fr: { title: 'Français', dir: 'ltr', messages: fr },
  es: { title: 'Español', dir: 'ltr', messages: es },
  'pt-BR': { title: 'Português (Brasil)', dir: 'ltr', messages: ptBR },
  ja: { title: '日本語', dir: 'ltr', messages: ja },
  ar: { title: 'العربية', dir: 'rtl', messages: ar },
}

const isLocale = (value: unknown): value is StoryLocale =>
  typeof value === 'string' && Object.hasOwn(LOCALES, value)

/** The locale a story runs in: the `locale` global, English when it is unset or unknown. */
export const localeOf = (globals: Record<string, unknown> | undefined): StoryLocale =>
  isLocale(globals?.locale) ? globals.locale : 'en'

/** The whole table in force for a story, so a `play` function can expect the texts it shows. */
export const messagesOf = (globals: Record<string, unknown> | undefined): PyasMessages =>
  LOCALES[localeOf(globals)].messages

/**
 * The locale every story starts in: English, unless `VITE_STORY_LOCALE` names another one — so
 * `VITE_STORY_LOCALE=ar npm run test:stories` runs every story in Arabic without a code change.
 */
const fromEnv = (import.meta as ImportMeta & { env?: Record<string, unknown> }).env
  ?.VITE_STORY_LOCALE
export const DEFAULT_LOCALE: StoryLocale = isLocale(fromEnv) ? fromEnv : 'en'

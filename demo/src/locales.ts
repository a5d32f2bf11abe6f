// The library's translations, as a customer imports them (`@pyas/react/locales/<tag>`); the demo
// imports the library from its source, so these are the same modules.
import type { PyasMessages } from '../../src/index.js'
import { messages as ar } from '../../src/locales/ar.js'
import { messages as de } from '../../src/locales/de.js'
import { messages as en } from '../../src/locales/en.js'
import { messages as es } from '../../src/locales/es.js'
import { messages as fr } from '../../src/locales/fr.js'
import { messages as ja } from '../../src/locales/ja.js'
import { messages as ptBR } from '../../src/locales/pt-BR.js'

export interface DemoLocale {
  tag: string
  /** The language's own name, as a picker shows it. */
  label: string
  dir: 'ltr' | 'rtl'
  messages: PyasMessages
}

export const LOCALES: readonly DemoLocale[] = [
  { tag: 'en', label: 'English', dir: 'ltr', messages: en },
  { tag: 'de', label: 'Deutsch', dir: 'ltr', messages: de },
  { tag: 'fr', label: 'Français', dir: 'ltr', messages: fr },
  { tag: 'es', label: 'Español', dir: 'ltr', messages: es },
  { tag: 'pt-BR', label: 'Português (Brasil)', dir: 'ltr', messages: ptBR },
  { tag: 'ja', label: '日本語', dir: 'ltr', messages: ja },
  { tag: 'ar', label: 'العربية', dir: 'rtl', messages: ar },
]

export const localeOf = (tag: string): DemoLocale =>
  LOCALES.find((locale) => locale.tag === tag) ?? (LOCALES[0] as DemoLocale)

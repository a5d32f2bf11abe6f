import { describe, expect, expectTypeOf, it } from 'vitest'
import { en, type PyasMessages } from '../../src/core/messages.js'
import type { PyasConnectErrorCode } from '../../src/core/PyasConnectError.js'
import { messages as ar } from '../../src/locales/ar.js'
import { messages as de } from '../../src/locales/de.js'
import { messages as enLocale } from '../../src/locales/en.js'
import { messages as es } from '../../src/locales/es.js'
import { messages as fr } from '../../src/locales/fr.js'
import { messages as ja } from '../../src/locales/ja.js'
import { messages as ptBR } from '../../src/locales/pt-BR.js'
import { ERROR_CODES } from '../core/fakes.js'

const LOCALES: Record<string, PyasMessages> = {
  en: enLocale,
  de,
  fr,
  es,
  'pt-BR': ptBR,
  ja,
  ar,
}
const KEYS = Object.keys(en) as (keyof PyasMessages)[]
const placeholders = (template: string) => (template.match(/\{\w+\}/g) ?? []).sort()

const CODES = ERROR_CODES

describe('locales', () => {
  it('should re-export the English table from locales/en', () => {
    expect(enLocale).toBe(en)
  })

  it('should have a message for every error code', () => {
    // Also at the type level, so a code added to PyasConnectErrorCode needs its message.
    expectTypeOf<Exclude<`error.${PyasConnectErrorCode}`, keyof PyasMessages>>().toBeNever()
    for (const code of CODES) expect(KEYS).toContain(`error.${code}`)
  })

  describe.each(Object.entries(LOCALES))('%s', (tag, messages) => {
    it('should have exactly the English keys, each a non-empty string', () => {
      expect(Object.keys(messages).sort()).toEqual([...KEYS].sort())
      for (const key of KEYS) {
        expect(typeof messages[key], key).toBe('string')
        expect(messages[key].trim(), key).not.toBe('')
      }
    })

    it("should use exactly each English template's placeholders", () => {
      for (const key of KEYS) {
        expect(placeholders(messages[key]), key).toEqual(placeholders(en[key]))
      }
    })

    it('should keep the brand names as they are', () => {
      for (const [key, brand] of [
        ['label.google', 'Google'],
        ['label.microsoft', 'Outlook'],
        ['label.zoom', 'Zoom'],
        ['reconnect.google', 'Google'],
        ['reconnect.microsoft', 'Outlook'],
        ['reconnect.zoom', 'Zoom'],
        ['error.unauthorized', 'Pyas'],
        ['dialog.lede', 'Pyas'],
      ] as const) {
        expect(messages[key], `${tag} ${key}`).toContain(brand)
      }
    })

    it.skipIf(tag === 'en')('should be translated, not English', () => {
      // Product names may stay English: "Zoom" everywhere, "Google Calendar" in Spanish.
      const names = ['provider.zoom', 'provider.google']
      const same = KEYS.filter((key) => messages[key] === en[key] && !names.includes(key))
      expect(same).toEqual([])
    })
  })
})

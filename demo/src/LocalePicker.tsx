import { LOCALES } from './locales.js'

interface LocalePickerProps {
  tag: string
  onChange: (tag: string) => void
}

/** The language of the library's texts (buttons, status lines, the dialog, the account list). */
export function LocalePicker({ tag, onChange }: LocalePickerProps) {
  return (
    <label className="locale-picker">
      <span className="locale-picker__label">Language</span>
      <select value={tag} onChange={(event) => onChange(event.target.value)}>
        {LOCALES.map((locale) => (
          <option key={locale.tag} value={locale.tag} lang={locale.tag}>
            {locale.label}
          </option>
        ))}
      </select>
    </label>
  )
}

import type { ConnectModeOption } from '../../src/index.js'

interface ModeToggleProps {
  mode: ConnectModeOption
  onChange: (mode: ConnectModeOption) => void
}

const OPTIONS: Array<{ value: ConnectModeOption; label: string; hint: string }> = [
  { value: 'auto', label: 'Automatic', hint: 'This tab, or a popup inside a frame' },
  { value: 'redirect', label: 'This tab', hint: 'Leave the page and come back' },
  { value: 'popup', label: 'Popup window', hint: 'Stay on this page' },
]

/** Auto, redirect or popup: the `mode` prop of every connect button. */
export function ModeToggle({ mode, onChange }: ModeToggleProps) {
  return (
    <fieldset className="segmented">
      <legend>Open the sign-in screen in</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="segmented__option">
          <input
            type="radio"
            name="connect-mode"
            value={option.value}
            checked={mode === option.value}
            onChange={() => onChange(option.value)}
          />
          <span className="segmented__label">{option.label}</span>
          <span className="segmented__hint">{option.hint}</span>
        </label>
      ))}
    </fieldset>
  )
}

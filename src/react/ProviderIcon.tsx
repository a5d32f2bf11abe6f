/** A brand mark: filled paths in a 48-unit box. */
export type Mark = ReadonlyArray<readonly [fill: string, d: string]>

// Coordinates rounded to whole units of the 48-unit box: at icon sizes the difference is far below
// a pixel (checked by rendering both at 18 and 180 px), and the marks cost a third of the bytes.
/** The Google "G" in its four brand colours. */
export const GOOGLE_MARK: Mark = [
  ['#EA4335', 'M24 10c4 0 7 1 9 3l7-7c-4-4-10-6-16-6C15 0 7 5 3 13l8 6c1-5 7-9 13-9z'],
  ['#4285F4', 'M47 25c0-2 0-4 0-5H24v9h13c-1 3-2 6-5 7l8 6c4-4 7-10 7-17z'],
  ['#FBBC05', 'M11 29c-1-2-1-3-1-5s0-3 1-5l-8-6c-2 3-3 7-3 11s1 8 3 11l8-6z'],
  ['#34A853', 'M24 48c6 0 12-2 16-6l-8-6c-2 2-5 2-8 2-6 0-12-4-13-9l-8 6c4 8 12 13 21 13z'],
]

/** The Microsoft four squares. */
export const MICROSOFT_MARK: Mark = [
  ['#F25022', 'M2 2h21v21H2z'],
  ['#7FBA00', 'M25 2h21v21H25z'],
  ['#00A4EF', 'M2 25h21v21H2z'],
  ['#FFB900', 'M25 25h21v21H25z'],
]

/** Zoom's blue rounded square with the white camera. */
export const ZOOM_MARK: Mark = [
  ['#0B5CFF', 'M11 0h26c6 0 11 5 11 11v26c0 6-5 11-11 11H11C5 48 0 43 0 37V11C0 5 5 0 11 0z'],
  [
    '#FFF',
    'M9 18c0-2 1-3 3-3h14c3 0 6 3 6 6v10c0 1-1 2-2 2H15c-3 0-6-3-6-6zm25 3 5-4c1 0 2 0 2 1v12c0 1-1 1-2 1l-5-4z',
  ],
]

/** The provider's brand mark as inline SVG (no remote assets), hidden from assistive tech. */
export function ProviderIcon({ mark, className }: { mark: Mark; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 48 48"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      {mark.map(([fill, d]) => (
        <path key={d} fill={fill} d={d} />
      ))}
    </svg>
  )
}

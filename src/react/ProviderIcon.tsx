import type { PyasProvider } from '../core/types.js'

const PATHS: Record<PyasProvider, Array<[fill: string, d: string]>> = {
  // The Google "G" in its four brand colours.
  google: [
    [
      '#EA4335',
      'M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z',
    ],
    [
      '#4285F4',
      'M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z',
    ],
    [
      '#FBBC05',
      'M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z',
    ],
    [
      '#34A853',
      'M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z',
    ],
  ],
  // The Microsoft four squares.
  microsoft: [
    ['#F25022', 'M2 2h21v21H2z'],
    ['#7FBA00', 'M25 2h21v21H25z'],
    ['#00A4EF', 'M2 25h21v21H2z'],
    ['#FFB900', 'M25 25h21v21H25z'],
  ],
  // Zoom's blue rounded square with the white camera.
  zoom: [
    [
      '#0B5CFF',
      'M11 0h26c6.08 0 11 4.92 11 11v26c0 6.08-4.92 11-11 11H11C4.92 48 0 43.08 0 37V11C0 4.92 4.92 0 11 0z',
    ],
    [
      '#FFFFFF',
      'M9 17.5c0-1.38 1.12-2.5 2.5-2.5H26c3.31 0 6 2.69 6 6v9.5c0 1.38-1.12 2.5-2.5 2.5H15c-3.31 0-6-2.69-6-6v-9.5zM34 21.2l5.2-3.9c.82-.62 1.8-.03 1.8 1v11.4c0 1.03-.98 1.62-1.8 1L34 26.8v-5.6z',
    ],
  ],
}

/** The provider's brand mark as inline SVG (no remote assets), hidden from assistive tech. */
export function ProviderIcon({
  provider,
  className,
}: {
  provider: PyasProvider
  className?: string
}) {
  return (
    <svg
      className={className}
      viewBox="0 0 48 48"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[provider].map(([fill, d]) => (
        <path key={d} fill={fill} d={d} />
      ))}
    </svg>
  )
}

import type { Notice } from './demoTypes.js'

interface NoticeBannerProps {
  notice: Notice | null
  onDismiss: () => void
}

/**
 * The outcome of the last attempt that needs words: an error (in a `role="alert"` region, always
 * rendered so screen readers announce what appears in it), or a cancelled consent or a note such
 * as an email mismatch (a polite status).
 */
export function NoticeBanner({ notice, onDismiss }: NoticeBannerProps) {
  const error = notice?.kind === 'error' ? notice : null
  const cancelled = notice?.kind === 'cancelled' || notice?.kind === 'info' ? notice : null
  const dismiss = (
    <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
      Dismiss
    </button>
  )
  return (
    <>
      <div role="alert" className={error ? 'banner banner--error' : 'banner-slot'}>
        {error && (
          <>
            <div className="banner__text">
              <strong>Could not connect.</strong> {error.message}
              {error.code && <code className="banner__code">{error.code}</code>}
            </div>
            {dismiss}
          </>
        )}
      </div>
      <div role="status" className={cancelled ? 'banner banner--info' : 'banner-slot'}>
        {cancelled && (
          <>
            <p className="banner__text">{cancelled.message}</p>
            {dismiss}
          </>
        )}
      </div>
    </>
  )
}

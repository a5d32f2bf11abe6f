'use client'
import { type ComponentPropsWithoutRef, useEffect, useId, useRef, useState } from 'react'
import type { PyasEvent } from '../core/events.js'
import { enConnect, enDialog, formatMessage } from '../core/messages.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import { needsEmail, PROVIDERS, type ProviderId } from '../core/providers.js'
import type { PyasAccount } from '../core/types.js'
import { ConnectButton } from './ConnectButton.js'
import { OpenInBrowserSlot } from './OpenInBrowserSlot.js'
import type { UsePyasConnectOptions } from './usePyasConnect.js'
import { usePyasMessages } from './usePyasMessages.js'

type NativeDialogProps = Omit<
  ComponentPropsWithoutRef<'dialog'>,
  'open' | 'title' | 'children' | 'onError' | 'onCancel' | 'onClose'
>

/**
 * Props of {@link PyasConnectDialog}: the hook's options that apply to every provider
 * (`returnTo`, `mode`, `popupFallback`, `inAppBrowser`, `onConnected`, `onError`, `onCancel`, `onEvent`), native
 * `<dialog>` props, and the ones below. `onCancel` is the hook's (consent denied), not the dialog's.
 */
export interface PyasConnectDialogProps
  extends NativeDialogProps,
    Pick<
      UsePyasConnectOptions,
      | 'returnTo'
      | 'mode'
      | 'prompt'
      | 'popupFallback'
      | 'inAppBrowser'
      | 'onConnected'
      | 'onError'
      | 'onCancel'
      | 'onEvent'
    > {
  /**
   * Whether the dialog is shown. Given, the dialog is controlled: it shows exactly this, and a
   * request to close only calls `onOpenChange` (if any), so the app closes it by setting `open`.
   * Left out, the dialog keeps its own open state, starting from `defaultOpen`.
   */
  open?: boolean
  /**
   * Whether an uncontrolled dialog (no `open` prop) starts shown; Escape and the close button then
   * close it. Ignored when `open` is given. @defaultValue `true`
   */
  defaultOpen?: boolean
  /**
   * Called with `false` when the user asks to close it (Escape, the close button, or a close from
   * other code such as `<form method="dialog">`), controlled or not.
   */
  onOpenChange?: (open: boolean) => void
  /** The providers offered, in this order. @defaultValue `['google', 'microsoft', 'zoom']` */
  providers?: readonly ProviderId[]
  /** The user's name. When not given, the dialog asks for it ("Your name"). */
  name?: string
  /** The user's email. When not given and Google or Outlook is offered, the dialog asks for it ("Work email"). */
  email?: string
  /** Your product's name, shown as "<productName> uses Pyas to securely connect your account". */
  productName?: string
  /** The heading, which also names the dialog. @defaultValue the `dialog.title` message, "Connect your calendar" */
  title?: string
  /**
   * A saved account to reconnect: only its provider's button is offered, labelled "Reconnect …",
   * with its email as the default. Give `provider` with it.
   */
  /** The account to reconnect; with `provider`, the dialog offers only that provider. */
  savedAccount?: UsePyasConnectOptions['savedAccount'] & {
    /** The saved account's provider. */
    provider?: ProviderId
  }
  /** Drops the default look (class `pyas-dialog`, and the buttons' look). @defaultValue `false` */
  unstyled?: boolean
}

type Field = 'name' | 'email'

/**
 * A provider picker on the native `<dialog>` (focus trap, Escape and the top layer come from the
 * browser): one `ConnectButton` per provider, plus a name/email form for what the props don't give.
 * Controlled with `open` + `onOpenChange`, or uncontrolled: rendering it shows it (`defaultOpen`).
 */
export function PyasConnectDialog(props: PyasConnectDialogProps) {
  const {
    open: openProp,
    defaultOpen = true,
    onOpenChange,
    providers: offered = PROVIDERS,
    name,
    email,
    productName,
    title,
    returnTo,
    mode,
    prompt,
    savedAccount,
    popupFallback,
    inAppBrowser,
    onConnected,
    onError,
    onCancel,
    onEvent,
    className,
    unstyled = false,
    ...rest
  } = props
  const providers = savedAccount?.provider ? [savedAccount.provider] : offered
  const text = usePyasMessages(enDialog)
  const connectText = usePyasMessages(enConnect)
  const [openState, setOpenState] = useState(defaultOpen)
  const controlled = openProp !== undefined
  const open = controlled ? openProp : openState
  const requestClose = () => {
    if (!controlled) setOpenState(false)
    onOpenChange?.(false)
  }
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()
  const [form, setForm] = useState({ name: '', email: '' })
  // Field errors by field; '' holds the message of an error that is about no field.
  const [errors, setErrors] = useState<Record<string, string | undefined>>({})
  const [account, setAccount] = useState<PyasAccount | null>(null)
  // The last error was `embedded_browser`: the way out (another browser) replaces the message.
  const [inApp, setInApp] = useState(false)

  // Counts closes the browser made on its own (see onClose): each runs the effect below again, so
  // a dialog the app still says is open is shown again instead of staying closed under `open`.
  const [closedByBrowser, setClosedByBrowser] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: closedByBrowser re-runs it on purpose
  useEffect(() => {
    const dialog = ref.current
    if (!open || !dialog) return
    const opener = document.activeElement as HTMLElement | null
    // jsdom and old browsers have no showModal: show it without the top layer rather than not at all.
    if (typeof dialog.showModal !== 'function') dialog.setAttribute('open', '')
    else if (!dialog.open) dialog.showModal()
    dialog.querySelector<HTMLElement>('input,[data-provider]')?.focus()
    return () => {
      if (typeof dialog.close === 'function') dialog.close()
      else dialog.removeAttribute('open')
      opener?.focus()
    }
  }, [open, closedByBrowser])

  const ask = {
    name: name === undefined,
    email: email === undefined && !savedAccount?.email && providers.some(needsEmail),
  }
  const inline = (['name', 'email'] as const).some((key) => ask[key] && errors[key])
  const problem = errors[''] || (inline ? '' : Object.values(errors).find(Boolean))

  // Each return reaches one of the buttons, so each handler runs once per outcome.
  const handlers: Pick<PyasConnectDialogProps, 'onEvent' | 'onError' | 'onCancel' | 'onConnected'> =
    {
      onEvent(event: PyasEvent) {
        if (event.type === 'started') {
          setErrors({})
          setInApp(false)
        }
        onEvent?.(event)
      },
      onError(error: PyasConnectError) {
        setErrors(error.fieldErrors ?? { '': error.message })
        setInApp(error.code === 'embedded_browser')
        onError?.(error)
      },
      onCancel,
      onConnected(connected, context) {
        setAccount(connected)
        setErrors({})
        setInApp(false)
        onConnected?.(connected, context)
      },
    }

  const field = (key: Field, label: string) => {
    const error = ask[key] && errors[key]
    const fieldId = id + key
    return (
      ask[key] && (
        <div className="pyas-dialog__field">
          <label htmlFor={fieldId}>{label}</label>
          <input
            id={fieldId}
            name={key}
            type={key === 'email' ? 'email' : 'text'}
            autoComplete={key}
            // An email is needed only for Google and Outlook; Zoom does without.
            required={key === 'name' || providers.every(needsEmail)}
            value={form[key]}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
            onChange={(event) => {
              const { value } = event.target
              setForm((previous) => ({ ...previous, [key]: value }))
              setErrors((previous) => ({ ...previous, [key]: undefined }))
            }}
          />
          {error && (
            <p id={`${fieldId}-error`} className="pyas-dialog__invalid">
              {error}
            </p>
          )}
        </div>
      )
    )
  }

  return (
    <dialog
      aria-labelledby={`${id}title`}
      aria-describedby={productName ? `${id}lede` : undefined}
      {...rest}
      ref={ref}
      className={[unstyled ? '' : 'pyas-dialog', className].filter(Boolean).join(' ') || undefined}
      onCancel={(event) => {
        // `open` (the prop or our state) closes it, through the effect: that keeps state and
        // element in step, and lets a controlled app refuse by keeping `open` true.
        event.preventDefault()
        requestClose()
      }}
      onClose={(event) => {
        // A close that came without a cancel we could refuse (`<form method="dialog">`, close()
        // from other code). Our own close() in the effect's cleanup also lands here, a task later:
        // by then `open` is false, or (StrictMode re-running the effect) the dialog is open again.
        // Chrome also closes a modal dialog on Escape with a cancel that cannot be refused when the
        // page had no user activation since it opened. The element is closed while `open` still
        // says shown: ask the app, and if it keeps (or, with a quick click, sets again) `open`,
        // show it again, so element and state never disagree.
        if (open && !event.currentTarget.open) {
          requestClose()
          setClosedByBrowser((count) => count + 1)
        }
      }}
    >
      <div className="pyas-dialog__header">
        <h2 id={`${id}title`} className="pyas-dialog__title">
          {title ?? text['dialog.title']}
        </h2>
        <button
          type="button"
          className="pyas-dialog__close"
          aria-label={text['dialog.close']}
          onClick={requestClose}
        >
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
            <path
              d="M4 4l8 8m0-8-8 8"
              stroke="currentColor"
              strokeWidth="1.75"
              strokeLinecap="round"
            />
          </svg>
        </button>
      </div>
      {productName && (
        <p id={`${id}lede`} className="pyas-dialog__lede">
          {formatMessage(text['dialog.lede'], { productName })}
        </p>
      )}
      {field('name', text['dialog.name'])}
      {field('email', text['dialog.email'])}
      {problem &&
        (inApp ? (
          <OpenInBrowserSlot
            unstyled={unstyled}
            fallback={<p className="pyas-dialog__problem">{problem}</p>}
          />
        ) : (
          <p className="pyas-dialog__problem">{problem}</p>
        ))}
      {account && (
        <p className="pyas-dialog__connected">
          {formatMessage(connectText['status.connected'], {
            account: account.email || account.name,
          })}
        </p>
      )}
      <div className="pyas-dialog__providers">
        {providers.map((provider) => (
          <ConnectButton
            key={provider}
            provider={provider}
            name={name ?? form.name}
            email={email ?? (form.email || undefined)}
            savedAccount={savedAccount}
            returnTo={returnTo}
            mode={mode}
            prompt={prompt}
            popupFallback={popupFallback}
            inAppBrowser={inAppBrowser}
            unstyled={unstyled}
            // The dialog shows the problem and the connected account itself, once.
            statusDisplay="hidden"
            {...handlers}
          />
        ))}
      </div>
    </dialog>
  )
}

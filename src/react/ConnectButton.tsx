'use client'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import type { ConnectStatus } from '../core/connectReducer.js'
import type { PyasConnectError } from '../core/PyasConnectError.js'
import type { PyasAccount } from '../core/types.js'
import { OpenInBrowserSlot } from './OpenInBrowserSlot.js'
import { ProviderIcon } from './ProviderIcon.js'
import { PROVIDER_INFO, type ProviderInfo } from './providers.js'
import { statusMessage } from './statusMessage.js'
import {
  splitConnectOptions,
  type UsePyasConnectOptions,
  usePyasConnect,
} from './usePyasConnect.js'
import { usePyasRuntime } from './usePyasRuntime.js'

/** What a render-function label receives. */
export interface ConnectButtonRenderProps {
  /** Where the round trip stands: `idle`, `preparing`, `redirecting`, `exchanging`, `connected`, `cancelled` or `error`. */
  status: ConnectStatus
  /** The connected account, once `status` is `connected`; else `null`. */
  account: PyasAccount | null
  /** Why the connect failed, when `status` is `error`; else `null`. */
  error: PyasConnectError | null
}

type NativeButtonProps = Omit<
  ComponentPropsWithoutRef<'button'>,
  'children' | 'name' | 'onError' | 'type'
>

/** Props of {@link ConnectButton}: the hook's options, every native `<button>` prop, and a label. */
export interface ConnectButtonProps extends NativeButtonProps, UsePyasConnectOptions {
  /** The label, or a function of the flow's state. @defaultValue the provider's label, e.g. "Connect Google Calendar" */
  children?: ReactNode | ((props: ConnectButtonRenderProps) => ReactNode)
  /** Drops the default look (class `pyas-button`, the brand mark, the status line). @defaultValue `false` */
  unstyled?: boolean
  /**
   * Whether the status (redirecting, connected, the error message) shows as a line beside the
   * button, or only to screen readers, for apps that render the message themselves.
   * @defaultValue `'visible'`; `'hidden'` with `unstyled`
   */
  statusDisplay?: 'visible' | 'hidden'
}

/**
 * The button for one provider's `info` (brand, label, mark), behind `ConnectButton` and the three
 * provider buttons; they pass the info so each bundles only the marks it can show.
 * `forwardRef` (not React 19's ref-as-prop) because React 18.3 is a supported peer.
 */
export const ProviderButton = /*#__PURE__*/ forwardRef<
  HTMLButtonElement,
  ConnectButtonProps & { info: ProviderInfo }
>(function ProviderButton(props, ref) {
  const [options, own] = splitConnectOptions(props)
  const {
    info,
    children,
    unstyled = false,
    statusDisplay = unstyled ? 'hidden' : 'visible',
    className,
    onClick,
    onPointerEnter,
    onFocus,
    ...rest
  } = own
  const { provider, savedAccount } = options
  const flow = usePyasConnect(options)
  const { status, account, error } = flow
  const messages = usePyasRuntime().messages
  const label =
    typeof children === 'function'
      ? children({ status, account, error })
      : (children ?? messages[`${savedAccount ? 'reconnect' : 'label'}.${provider}`])
  const [announce, tone] = statusMessage(info.brand, flow, messages)
  // In an in-app browser the way out is another browser: its panel replaces the visible line
  // (the live region still announces the error).
  const visible = statusDisplay === 'visible'
  const inApp = visible && error?.code === 'embedded_browser'
  const classes =
    [unstyled ? undefined : 'pyas-button', className].filter(Boolean).join(' ') || undefined
  return (
    <>
      <button
        {...rest}
        // After the spread: these say what the button is and does, whatever props come in.
        type="button"
        data-state={status}
        data-provider={provider}
        aria-busy={flow.isPending || undefined}
        className={classes}
        ref={ref}
        onClick={(event) => {
          onClick?.(event)
          if (!event.defaultPrevented) void flow.connect()
        }}
        onPointerEnter={(event) => {
          onPointerEnter?.(event)
          flow.prefetch()
        }}
        onFocus={(event) => {
          onFocus?.(event)
          flow.prefetch()
        }}
      >
        {unstyled ? null : <ProviderIcon mark={info.mark} className="pyas-button__icon" />}
        {unstyled ? label : <span className="pyas-button__label">{label}</span>}
      </button>
      <span
        role="status"
        aria-live="polite"
        data-tone={tone}
        className={visible && !inApp ? 'pyas-status' : 'pyas-visually-hidden'}
      >
        {announce}
      </span>
      {inApp ? (
        <OpenInBrowserSlot
          provider={provider}
          unstyled={unstyled}
          fallback={
            <span aria-hidden="true" data-tone={tone} className="pyas-status">
              {announce}
            </span>
          }
        />
      ) : null}
    </>
  )
})

/** A native `<button type="button">` that runs the whole connect round trip for `provider`. */
export const ConnectButton = /*#__PURE__*/ forwardRef<HTMLButtonElement, ConnectButtonProps>(
  function ConnectButton(props, ref) {
    return <ProviderButton {...props} info={PROVIDER_INFO[props.provider]} ref={ref} />
  },
)

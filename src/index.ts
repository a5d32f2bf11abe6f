export type { ConnectMode } from './core/attempts.js'
export type { PyasCalendar, PyasCalendarProvider } from './core/calendars.js'
export type { CallbackHandlers, ConnectedContext } from './core/client.js'
export type {
  ConnectInputs,
  ConnectModeOption,
  ConnectPrompt,
  SavedAccount,
} from './core/connectFlow.js'
export type { ConnectStatus } from './core/connectReducer.js'
export type { PyasEvent, PyasEventType } from './core/events.js'
export type { PyasInAppBrowser } from './core/inAppBrowser.js'
export { inAppBrowser } from './core/inAppBrowser.js'
export type { PyasMessages } from './core/messages.js'
export type { PyasConnectErrorCode, PyasConnectErrorOptions } from './core/PyasConnectError.js'
export { PyasConnectError } from './core/PyasConnectError.js'
export type { ProviderId as PyasProviderId } from './core/providers.js'
export type { PyasHeaders } from './core/proxyClient.js'
export type { PyasAccount } from './core/types.js'
export type { ConnectButtonProps, ConnectButtonRenderProps } from './react/ConnectButton.js'
export { ConnectButton } from './react/ConnectButton.js'
export type { ConnectGoogleButtonProps } from './react/ConnectGoogleButton.js'
export { ConnectGoogleButton } from './react/ConnectGoogleButton.js'
export type { ConnectOutlookButtonProps } from './react/ConnectOutlookButton.js'
export { ConnectOutlookButton } from './react/ConnectOutlookButton.js'
export type { ConnectZoomButtonProps } from './react/ConnectZoomButton.js'
export { ConnectZoomButton } from './react/ConnectZoomButton.js'
export type { PyasAccountListProps, PyasSavedAccount } from './react/PyasAccountList.js'
export { PyasAccountList } from './react/PyasAccountList.js'
export type {
  PyasCalendarPickerConflictsProps,
  PyasCalendarPickerDestinationProps,
  PyasCalendarPickerProps,
} from './react/PyasCalendarPicker.js'
export { PyasCalendarPicker } from './react/PyasCalendarPicker.js'
export type { PyasConnectDialogProps } from './react/PyasConnectDialog.js'
export { PyasConnectDialog } from './react/PyasConnectDialog.js'
export type { PyasOpenInBrowserProps } from './react/PyasOpenInBrowser.js'
export { PyasOpenInBrowser } from './react/PyasOpenInBrowser.js'
export type { PyasProviderProps } from './react/PyasProvider.js'
export { PyasProvider } from './react/PyasProvider.js'
export type { UsePyasCalendarsOptions, UsePyasCalendarsResult } from './react/usePyasCalendars.js'
export { pyasCalendarsKey, usePyasCalendars } from './react/usePyasCalendars.js'
export type { UsePyasCallbackOptions, UsePyasCallbackResult } from './react/usePyasCallback.js'
export { usePyasCallback } from './react/usePyasCallback.js'
export type { UsePyasConnectOptions, UsePyasConnectResult } from './react/usePyasConnect.js'
export { usePyasConnect } from './react/usePyasConnect.js'

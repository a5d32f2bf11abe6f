import type { Meta } from '@storybook/react-vite'
import * as button from '../ConnectButton.stories.js'
import * as google from '../ConnectGoogleButton.stories.js'
import * as outlook from '../ConnectOutlookButton.stories.js'
import * as zoom from '../ConnectZoomButton.stories.js'
import * as accounts from '../PyasAccountList.stories.js'
import * as calendars from '../PyasCalendarPicker.stories.js'
import * as dialog from '../PyasConnectDialog.stories.js'
import { inLocale } from './inLocale.js'

const LOCALE = 'ja'

/**
 * Stories of the other files in Japanese (`ja`), whatever the toolbar says: every state of every
 * button, the dialog and the account list, each a test of `npm run test:stories` with axe after
 * its play function.
 */
export default { title: 'Locales/Japanese (ja)' } satisfies Meta

export const ConnectButtonAllStates = inLocale(button.default, button.AllStates, LOCALE)
export const ConnectButtonInvalidEmail = inLocale(button.default, button.InvalidEmail, LOCALE)
export const ConnectGoogleButtonAllStates = inLocale(google.default, google.AllStates, LOCALE)
export const ConnectOutlookButtonAllStates = inLocale(outlook.default, outlook.AllStates, LOCALE)
export const ConnectZoomButtonAllStates = inLocale(zoom.default, zoom.AllStates, LOCALE)
export const DialogIdle = inLocale(dialog.default, dialog.Idle, LOCALE)
export const DialogWithForm = inLocale(dialog.default, dialog.WithForm, LOCALE)
export const DialogDark = inLocale(dialog.default, dialog.Dark, LOCALE)
export const AccountListInactive = inLocale(accounts.default, accounts.Inactive, LOCALE)
export const AccountListMixedProviders = inLocale(accounts.default, accounts.MixedProviders, LOCALE)
export const AccountListWithDisconnect = inLocale(accounts.default, accounts.WithDisconnect, LOCALE)
export const AccountListEmpty = inLocale(accounts.default, accounts.Empty, LOCALE)
export const CalendarPickerConflicts = inLocale(calendars.default, calendars.Conflicts, LOCALE)
export const CalendarPickerDestination = inLocale(calendars.default, calendars.Destination, LOCALE)
export const CalendarPickerLoading = inLocale(calendars.default, calendars.Loading, LOCALE)
export const CalendarPickerErrorAndRetry = inLocale(
  calendars.default,
  calendars.ErrorAndRetry,
  LOCALE,
)
export const CalendarPickerEmpty = inLocale(calendars.default, calendars.Empty, LOCALE)

/**
 * Every text `@pyas/react` shows a person, as one flat table of string templates. A `{name}` in a
 * template is a placeholder, filled by `formatMessage`; each key below names its
 * placeholders. Brand names (Google, Microsoft, Outlook, Zoom, Pyas) stay as they are in every
 * language. Pass a subset to `PyasProvider messages={…}`; keys left out fall back to English.
 * Complete tables for `en`, `de`, `fr`, `es`, `pt-BR`, `ja` and `ar` ship as
 * `@pyas/react/locales/<tag>`.
 */
export interface PyasMessages {
  /** Google's button label. */
  'label.google': string
  /** Outlook's button label. */
  'label.microsoft': string
  /** Zoom's button label. */
  'label.zoom': string
  /** Google's label when reconnecting a saved account; also the account list's reconnect button. */
  'reconnect.google': string
  /** Outlook's label when reconnecting a saved account. */
  'reconnect.microsoft': string
  /** Zoom's label when reconnecting a saved account. */
  'reconnect.zoom': string
  /** Live region while leaving for the consent screen. `{brand}`: Google, Microsoft or Zoom. */
  'status.redirecting': string
  /** Live region while the code is exchanged. `{brand}` */
  'status.exchanging': string
  /** Live region and the dialog once connected. `{account}`: the email, else the name. */
  'status.connected': string
  /** Live region when the user declined consent. `{brand}` */
  'status.cancelled': string
  /** The message of a `invalid_request` error. */
  'error.invalid_request': string
  /** The message of a `unauthorized` error. */
  'error.unauthorized': string
  /** The message of a `forbidden` error. */
  'error.forbidden': string
  /** The message of a `invalid_grant` error. */
  'error.invalid_grant': string
  /** The message of a `state_mismatch` error. */
  'error.state_mismatch': string
  /** The message of a `expired_attempt` error. */
  'error.expired_attempt': string
  /** The message of a `provider_error` error. */
  'error.provider_error': string
  /** `provider_error` when the provider gave an `error` but no description. `{error}`: that value. */
  'error.provider_error.detail': string
  /** Tells the user to ask their IT administrator to approve the app for their organisation. */
  'error.admin_consent_required': string
  /** `rate_limited` with no usable `Retry-After`. */
  'error.rate_limited': string
  /** `rate_limited` with a wait. `{seconds}`: a whole number, 2 or more (else use the one above). */
  'error.rate_limited.retry': string
  /** The message of a `network` error. */
  'error.network': string
  /** The message of a `proxy_error` error. */
  'error.proxy_error': string
  /** `proxy_error` when another tab claimed the code and never finished the exchange. */
  'error.proxy_error.other_tab': string
  /** The message of a `popup_blocked` error. */
  'error.popup_blocked': string
  /** The message of a `popup_closed` error. */
  'error.popup_closed': string
  /** The message of a `storage_unavailable` error. */
  'error.storage_unavailable': string
  /** The message of a `embedded_browser` error. */
  'error.embedded_browser': string
  /** The message of a `link_invalid` error. */
  'error.link_invalid': string
  /** The field error `name required`. */
  'field.name.required': string
  /** The field error `email required`. */
  'field.email.required': string
  /** The field error `email invalid`. */
  'field.email.invalid': string
  /** A `provider` other than google, microsoft or zoom (a mistake in the app's code). */
  'field.provider.invalid': string
  /** The dialog's heading, which also names it. */
  'dialog.title': string
  /** The dialog's line under the heading. `{productName}`: the app's name. */
  'dialog.lede': string
  /** Label of the dialog's name field. */
  'dialog.name': string
  /** Label of the dialog's email field. */
  'dialog.email': string
  /** Accessible name of the dialog's close button. */
  'dialog.close': string
  /** The account list's name for a Google account. */
  'provider.google': string
  /** The account list's name for a Microsoft account. */
  'provider.microsoft': string
  /** The account list's name for a Zoom account. */
  'provider.zoom': string
  /** Status of an `active` account. */
  'account.active': string
  /** Status of an `inactive` account. */
  'account.inactive': string
  /** The account list's disconnect button. */
  'account.disconnect': string
  /** The account list with no accounts (unless `emptyText` is given). */
  'account.empty': string
  /** `PyasCalendarPicker`'s legend in `conflicts` mode (checkboxes). */
  'calendars.conflicts': string
  /** `PyasCalendarPicker`'s legend in `destination` mode (radios). */
  'calendars.destination': string
  /** The picker while the calendars load (shown and announced). */
  'calendars.loading': string
  /** The picker when the account has no calendar (in `destination` mode: none writable). */
  'calendars.empty': string
  /** After a read-only calendar's name in `conflicts` mode. */
  'calendars.readOnly': string
  /** The picker's button that loads the calendars again after an error. */
  'calendars.retry': string
  /** `usePyasCalendars` given a provider other than google or microsoft (a mistake in the app's code). */
  'calendars.provider.invalid': string
  /** `usePyasCalendars` given no `accountId` (a mistake in the app's code). */
  'calendars.accountId.required': string
  /** `PyasOpenInBrowser`: why the user must leave the in-app browser, and what to do. */
  'openInBrowser.text': string
  /** `PyasOpenInBrowser`: the button that copies the link. */
  'openInBrowser.copy': string
  /** `PyasOpenInBrowser`: announced once the link was copied. */
  'openInBrowser.copied': string
  /** `PyasOpenInBrowser`: the label of the selectable field with the link. */
  'openInBrowser.field': string
  /** `PyasOpenInBrowser`: the Android link that opens the page in Chrome. */
  'openInBrowser.chrome': string
}

// English comes in three parts, one per component that shows them, so a bundle with only a button
// carries neither the dialog's texts, the account list's nor the calendar picker's. `en` joins them; an unused `en` (and
// the parts only it uses) is dropped by bundlers thanks to the pure call.

/** English for the connect flow: the buttons' labels, the live region, errors and field errors. */
export const enConnect = {
  'label.google': 'Connect Google Calendar',
  'label.microsoft': 'Connect Outlook Calendar',
  'label.zoom': 'Connect Zoom',
  'reconnect.google': 'Reconnect Google Calendar',
  'reconnect.microsoft': 'Reconnect Outlook Calendar',
  'reconnect.zoom': 'Reconnect Zoom',
  'status.redirecting': 'Redirecting to {brand}…',
  'status.exchanging': 'Connecting your {brand} account…',
  'status.connected': 'Connected as {account}',
  'status.cancelled': 'Connection to {brand} was cancelled.',
  'error.invalid_request': 'Some details are missing or invalid. Check them and try again.',
  'error.unauthorized': 'The server could not sign in to Pyas. Try again later.',
  'error.forbidden': 'The server refused this request. Sign in again and retry.',
  'error.invalid_grant': 'This sign-in code was invalid or already used. Connect again.',
  'error.state_mismatch': 'This sign-in was not started here. Connect again.',
  'error.expired_attempt': 'This sign-in expired. Connect again.',
  'error.provider_error': 'The calendar provider reported an error. Try again.',
  'error.provider_error.detail': 'The provider said "{error}". Try again.',
  'error.admin_consent_required':
    'Your organization must approve this app first. Ask your IT administrator, then try again.',
  'error.rate_limited': 'Too many attempts. Wait a moment and try again.',
  'error.rate_limited.retry': 'Too many attempts. Try again in {seconds} seconds.',
  'error.network': 'Could not reach the server. Check your connection and retry.',
  'error.proxy_error': 'The server sent an unexpected reply. Try again later.',
  'error.proxy_error.other_tab': 'Another tab did not finish this sign-in. Connect again.',
  'error.popup_blocked': 'The sign-in window was blocked. Allow pop-ups and retry.',
  'error.popup_closed': 'The sign-in window was closed. Connect again.',
  'error.storage_unavailable': 'This browser blocks site storage. Allow it and retry.',
  'error.embedded_browser':
    'Sign-in does not work inside this app. Open the page in your browser to connect.',
  'error.link_invalid': 'This connect link has expired or was already used. Ask for a new one.',
  'field.name.required': 'Enter your name.',
  'field.email.required': 'Enter your email address.',
  'field.email.invalid': 'Enter a valid email address.',
  'field.provider.invalid': 'Choose google, microsoft or zoom.',
} satisfies Partial<PyasMessages>

/** English for `PyasConnectDialog`'s own texts (its buttons use {@link enConnect}). */
export const enDialog = {
  'dialog.title': 'Connect your calendar',
  'dialog.lede': '{productName} uses Pyas to securely connect your account',
  'dialog.name': 'Your name',
  'dialog.email': 'Work email',
  'dialog.close': 'Close',
} satisfies Partial<PyasMessages>

/** English for `PyasAccountList`'s own texts (its reconnect buttons use {@link enConnect}). */
export const enAccountList = {
  'provider.google': 'Google Calendar',
  'provider.microsoft': 'Outlook Calendar',
  'provider.zoom': 'Zoom',
  'account.active': 'Connected',
  'account.inactive': 'Needs reconnecting',
  'account.disconnect': 'Disconnect',
  'account.empty': 'No calendar connected yet.',
} satisfies Partial<PyasMessages>

/** English for `usePyasCalendars` and `PyasCalendarPicker` (its errors use {@link enConnect}). */
export const enCalendars = {
  'calendars.conflicts': 'Check these calendars for conflicts',
  'calendars.destination': 'Add new events to',
  'calendars.loading': 'Loading calendars…',
  'calendars.empty': 'No calendars found.',
  'calendars.readOnly': '(read-only)',
  'calendars.retry': 'Try again',
  'calendars.provider.invalid': 'Choose google or microsoft.',
  'calendars.accountId.required': 'Choose a connected account.',
} satisfies Partial<PyasMessages>

/** English for `PyasOpenInBrowser` (shown in place of a status line in an in-app browser). */
export const enOpenInBrowser = {
  'openInBrowser.text':
    'Sign-in is blocked inside this app. Open this link in your browser (Safari or Chrome) to connect.',
  'openInBrowser.copy': 'Copy link',
  'openInBrowser.copied': 'Link copied. Paste it into your browser.',
  'openInBrowser.field': 'Link to open in your browser',
  'openInBrowser.chrome': 'Open in Chrome',
} satisfies Partial<PyasMessages>

/** The whole English table, the default for every key and `@pyas/react/locales/en`. */
export const en: PyasMessages = /* @__PURE__ */ Object.assign(
  {},
  enConnect,
  enDialog,
  enAccountList,
  enCalendars,
  enOpenInBrowser,
)

/**
 * Fills each `{name}` in `template` with `values[name]`. A placeholder whose value is missing
 * (`undefined`, `null` or `''`) is dropped with the spaces around it: one space stays when there
 * was a space on both sides, none otherwise — so `'Redirecting to {brand}…'` becomes
 * `'Redirecting to…'` and `'Connected as {account}'` becomes `'Connected as'`. Braces never
 * reach the screen. Nothing else in the template or the values is changed.
 */
export function formatMessage(
  template: string,
  values: Record<string, string | number | null | undefined> = {},
): string {
  return template.replace(
    /( ?)\{(\w+)\}( ?)/g,
    (_, before: string, name: string, after: string) => {
      // Own keys only: `{constructor}` or `{toString}` has no value, whatever `Object` inherits.
      const value = Object.hasOwn(values, name) ? values[name] : undefined
      return value == null || value === '' ? before && after : before + value + after
    },
  )
}

/**
 * `template` with the placeholders `reference` has kept for later filling, and every other one
 * dropped by `formatMessage`, so an override's unknown `{placeholder}` never reaches the screen.
 */
function keepPlaceholdersOf(template: string, reference: string): string {
  const kept: Record<string, string> = {}
  for (const [placeholder, name] of reference.matchAll(/\{(\w+)\}/g)) kept[name!] = placeholder
  return formatMessage(template, kept)
}

/**
 * `defaults` with `overrides` on top, for the keys of `defaults` only: an override that is missing
 * or not a string falls back to the default; an empty string is kept. An override's placeholders
 * that its key does not fill (`'Mit {nichtDa} verbinden'` for a label, which has none) are dropped
 * here, as `formatMessage` drops a placeholder with no value, so every text shown — labels and
 * error messages included, which are not formatted again — is free of braces. Returns `defaults` itself when
 * there is nothing to override. A component passes its own English part ({@link enConnect},
 * {@link enDialog}, {@link enAccountList}) so it bundles only the texts it shows.
 */
export function mergeMessages<T extends Partial<PyasMessages>>(
  defaults: T,
  overrides?: Partial<PyasMessages> | null,
): T {
  if (!overrides) return defaults
  const messages = { ...defaults }
  for (const key in defaults) {
    const value = overrides[key as keyof PyasMessages]
    if (typeof value === 'string') {
      messages[key] = keepPlaceholdersOf(value, defaults[key] as string) as T[typeof key]
    }
  }
  return messages
}

/**
 * The whole table in force: `overrides` (any subset, e.g. a locale's `messages` or one changed
 * key) over English, as {@link mergeMessages} does. Returns `en` itself without overrides.
 */
export function resolveMessages(overrides?: Partial<PyasMessages> | null): PyasMessages {
  return mergeMessages(en, overrides)
}

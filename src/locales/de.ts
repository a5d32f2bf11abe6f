import type { PyasMessages } from '../core/messages.js'

/** German (Deutsch), `@pyas/react/locales/de`. Formal address (Sie). */
export const messages: PyasMessages = {
  'label.google': 'Google Kalender verbinden',
  'label.microsoft': 'Outlook-Kalender verbinden',
  'label.zoom': 'Zoom verbinden',
  'reconnect.google': 'Google Kalender erneut verbinden',
  'reconnect.microsoft': 'Outlook-Kalender erneut verbinden',
  'reconnect.zoom': 'Zoom erneut verbinden',
  'status.redirecting': 'Weiterleitung zu {brand} …',
  'status.exchanging': 'Ihr {brand}-Konto wird verbunden …',
  'status.connected': 'Verbunden als {account}',
  'status.cancelled': 'Die Verbindung mit {brand} wurde abgebrochen.',
  'error.invalid_request':
    'Einige Angaben fehlen oder sind ungültig. Prüfen Sie sie und versuchen Sie es erneut.',
  'error.unauthorized':
    'Der Server konnte sich nicht bei Pyas anmelden. Versuchen Sie es später erneut.',
  'error.forbidden':
    'Der Server hat die Anfrage abgelehnt. Melden Sie sich erneut an und versuchen Sie es noch einmal.',
  'error.invalid_grant':
    'Dieser Anmeldecode ist ungültig oder wurde bereits verwendet. Verbinden Sie das Konto erneut.',
  'error.state_mismatch':
    'Diese Anmeldung wurde nicht hier gestartet. Verbinden Sie das Konto erneut.',
  'error.expired_attempt': 'Diese Anmeldung ist abgelaufen. Verbinden Sie das Konto erneut.',
  'error.provider_error':
    'Der Kalenderanbieter hat einen Fehler gemeldet. Versuchen Sie es erneut.',
  'error.provider_error.detail': 'Der Anbieter meldet „{error}“. Versuchen Sie es erneut.',
  'error.admin_consent_required':
    'Ihre Organisation muss diese App zuerst freigeben. Bitten Sie Ihre IT-Administration darum und versuchen Sie es dann erneut.',
  'error.rate_limited':
    'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  'error.rate_limited.retry': 'Zu viele Versuche. Versuchen Sie es in {seconds} Sekunden erneut.',
  'error.network':
    'Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'error.proxy_error':
    'Der Server hat eine unerwartete Antwort gesendet. Versuchen Sie es später noch einmal.',
  'error.proxy_error.other_tab':
    'Ein anderer Tab hat diese Anmeldung nicht abgeschlossen. Verbinden Sie das Konto erneut.',
  'error.popup_blocked':
    'Das Anmeldefenster wurde blockiert. Erlauben Sie Pop-ups und versuchen Sie es erneut.',
  'error.popup_closed': 'Das Anmeldefenster wurde geschlossen. Verbinden Sie das Konto erneut.',
  'error.storage_unavailable':
    'Dieser Browser blockiert das Speichern von Websitedaten. Erlauben Sie es und versuchen Sie es erneut.',
  'error.embedded_browser':
    'Die Anmeldung funktioniert in dieser App nicht. Öffnen Sie die Seite in Ihrem Browser, um sich zu verbinden.',
  'error.link_invalid':
    'Dieser Verbindungslink ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.',
  'field.name.required': 'Geben Sie Ihren Namen ein.',
  'field.email.required': 'Geben Sie Ihre E-Mail-Adresse ein.',
  'field.email.invalid': 'Geben Sie eine gültige E-Mail-Adresse ein.',
  'field.provider.invalid': 'Wählen Sie google, microsoft oder zoom.',
  'dialog.title': 'Kalender verbinden',
  'dialog.lede': '{productName} nutzt Pyas, um Ihr Konto sicher zu verbinden',
  'dialog.name': 'Ihr Name',
  'dialog.email': 'Geschäftliche E-Mail-Adresse',
  'dialog.close': 'Schließen',
  'provider.google': 'Google Kalender',
  'provider.microsoft': 'Outlook-Kalender',
  'provider.zoom': 'Zoom',
  'account.active': 'Verbunden',
  'account.inactive': 'Muss neu verbunden werden',
  'account.disconnect': 'Trennen',
  'account.empty': 'Noch kein Kalender verbunden.',
  'calendars.conflicts': 'Diese Kalender auf Konflikte prüfen',
  'calendars.destination': 'Neue Termine eintragen in',
  'calendars.loading': 'Kalender werden geladen…',
  'calendars.empty': 'Keine Kalender gefunden.',
  'calendars.readOnly': '(schreibgeschützt)',
  'calendars.retry': 'Erneut versuchen',
  'calendars.provider.invalid': 'Wählen Sie google oder microsoft.',
  'calendars.accountId.required': 'Wählen Sie ein verbundenes Konto.',
  'openInBrowser.text':
    'In dieser App ist die Anmeldung gesperrt. Öffnen Sie diesen Link in Ihrem Browser (Safari oder Chrome), um sich zu verbinden.',
  'openInBrowser.copy': 'Link kopieren',
  'openInBrowser.copied': 'Link kopiert. Fügen Sie ihn in Ihrem Browser ein.',
  'openInBrowser.field': 'Link zum Öffnen im Browser',
  'openInBrowser.chrome': 'In Chrome öffnen',
}

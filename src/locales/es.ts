import type { PyasMessages } from '../core/messages.js'

/** Spanish (español), `@pyas/react/locales/es`. Informal address (tú), neutral for Spain and Latin America. */
export const messages: PyasMessages = {
  'label.google': 'Conectar Google Calendar',
  'label.microsoft': 'Conectar el calendario de Outlook',
  'label.zoom': 'Conectar Zoom',
  'reconnect.google': 'Volver a conectar Google Calendar',
  'reconnect.microsoft': 'Volver a conectar el calendario de Outlook',
  'reconnect.zoom': 'Volver a conectar Zoom',
  'status.redirecting': 'Redirigiendo a {brand}…',
  'status.exchanging': 'Conectando tu cuenta de {brand}…',
  'status.connected': 'Conectado como {account}',
  'status.cancelled': 'Se canceló la conexión con {brand}.',
  'error.invalid_request': 'Faltan datos o no son válidos. Revísalos e inténtalo de nuevo.',
  'error.unauthorized': 'El servidor no pudo autenticarse en Pyas. Inténtalo más tarde.',
  'error.forbidden':
    'El servidor rechazó esta solicitud. Vuelve a iniciar sesión e inténtalo de nuevo.',
  'error.invalid_grant':
    'Este código de inicio de sesión no es válido o ya se usó. Vuelve a conectar la cuenta.',
  'error.state_mismatch':
    'Este inicio de sesión no empezó en esta página. Vuelve a conectar la cuenta.',
  'error.expired_attempt': 'Este inicio de sesión caducó. Vuelve a conectar la cuenta.',
  'error.provider_error': 'El proveedor de calendario devolvió un error. Inténtalo de nuevo.',
  'error.provider_error.detail': 'El proveedor respondió «{error}». Inténtalo de nuevo.',
  'error.admin_consent_required':
    'Tu organización debe aprobar primero esta aplicación. Pídele acceso a tu administrador de TI y vuelve a intentarlo.',
  'error.rate_limited': 'Demasiados intentos. Espera un momento e inténtalo de nuevo.',
  'error.rate_limited.retry': 'Demasiados intentos. Inténtalo de nuevo en {seconds} segundos.',
  'error.network': 'No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
  'error.proxy_error': 'El servidor envió una respuesta inesperada. Inténtalo más tarde.',
  'error.proxy_error.other_tab':
    'Otra pestaña no terminó este inicio de sesión. Vuelve a conectar la cuenta.',
  'error.popup_blocked':
    'Se bloqueó la ventana de inicio de sesión. Permite las ventanas emergentes e inténtalo de nuevo.',
  'error.popup_closed': 'Se cerró la ventana de inicio de sesión. Vuelve a conectar la cuenta.',
  'error.storage_unavailable':
    'Este navegador bloquea el almacenamiento del sitio. Permítelo e inténtalo de nuevo.',
  'error.embedded_browser':
    'No se puede iniciar sesión dentro de esta aplicación. Abre la página en tu navegador para conectar.',
  'error.link_invalid': 'Este enlace de conexión ha caducado o ya se usó. Pide uno nuevo.',
  'field.name.required': 'Escribe tu nombre.',
  'field.email.required': 'Escribe tu dirección de correo electrónico.',
  'field.email.invalid': 'Escribe una dirección de correo electrónico válida.',
  'field.provider.invalid': 'Elige google, microsoft o zoom.',
  'dialog.title': 'Conecta tu calendario',
  'dialog.lede': '{productName} usa Pyas para conectar tu cuenta de forma segura',
  'dialog.name': 'Tu nombre',
  'dialog.email': 'Correo electrónico del trabajo',
  'dialog.close': 'Cerrar',
  'provider.google': 'Google Calendar',
  'provider.microsoft': 'Calendario de Outlook',
  'provider.zoom': 'Zoom',
  'account.active': 'Conectado',
  'account.inactive': 'Requiere reconexión',
  'account.disconnect': 'Desconectar',
  'account.empty': 'Todavía no hay ningún calendario conectado.',
  'calendars.conflicts': 'Comprobar conflictos en estos calendarios',
  'calendars.destination': 'Añadir los nuevos eventos a',
  'calendars.loading': 'Cargando calendarios…',
  'calendars.empty': 'No se encontraron calendarios.',
  'calendars.readOnly': '(solo lectura)',
  'calendars.retry': 'Reintentar',
  'calendars.provider.invalid': 'Elige google o microsoft.',
  'calendars.accountId.required': 'Elige una cuenta conectada.',
  'openInBrowser.text':
    'El inicio de sesión está bloqueado en esta aplicación. Abre este enlace en tu navegador (Safari o Chrome) para conectar.',
  'openInBrowser.copy': 'Copiar enlace',
  'openInBrowser.copied': 'Enlace copiado. Pégalo en tu navegador.',
  'openInBrowser.field': 'Enlace para abrir en tu navegador',
  'openInBrowser.chrome': 'Abrir en Chrome',
}

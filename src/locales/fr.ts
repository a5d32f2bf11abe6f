import type { PyasMessages } from '../core/messages.js'

/** French (français), `@pyas/react/locales/fr`. Formal address (vous). */
export const messages: PyasMessages = {
  'label.google': 'Connecter Google Agenda',
  'label.microsoft': 'Connecter le calendrier Outlook',
  'label.zoom': 'Connecter Zoom',
  'reconnect.google': 'Reconnecter Google Agenda',
  'reconnect.microsoft': 'Reconnecter le calendrier Outlook',
  'reconnect.zoom': 'Reconnecter Zoom',
  'status.redirecting': 'Redirection vers {brand}…',
  'status.exchanging': 'Connexion de votre compte {brand}…',
  'status.connected': 'Connecté en tant que {account}',
  'status.cancelled': 'La connexion à {brand} a été annulée.',
  'error.invalid_request':
    'Des informations sont manquantes ou incorrectes. Vérifiez-les, puis réessayez.',
  'error.unauthorized': 'Le serveur n’a pas pu s’authentifier auprès de Pyas. Réessayez plus tard.',
  'error.forbidden': 'Le serveur a refusé cette demande. Reconnectez-vous, puis réessayez.',
  'error.invalid_grant':
    'Ce code de connexion est invalide ou a déjà été utilisé. Relancez la connexion.',
  'error.state_mismatch': 'Cette connexion n’a pas été lancée ici. Relancez la connexion.',
  'error.expired_attempt': 'Cette tentative de connexion a expiré. Relancez la connexion.',
  'error.provider_error': 'Le fournisseur d’agenda a signalé une erreur. Réessayez.',
  'error.provider_error.detail': 'Le fournisseur a répondu « {error} ». Réessayez.',
  'error.admin_consent_required':
    'Votre organisation doit d’abord autoriser cette application. Demandez l’accès à votre administrateur informatique, puis réessayez.',
  'error.rate_limited': 'Trop de tentatives. Patientez un instant, puis réessayez.',
  'error.rate_limited.retry': 'Trop de tentatives. Réessayez dans {seconds} secondes.',
  'error.network': 'Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.',
  'error.proxy_error': 'Le serveur a renvoyé une réponse inattendue. Réessayez plus tard.',
  'error.proxy_error.other_tab':
    'Un autre onglet n’a pas terminé cette connexion. Relancez la connexion.',
  'error.popup_blocked':
    'La fenêtre de connexion a été bloquée. Autorisez les fenêtres pop-up, puis réessayez.',
  'error.popup_closed': 'La fenêtre de connexion a été fermée. Relancez la connexion.',
  'error.storage_unavailable':
    'Ce navigateur bloque le stockage des données du site. Autorisez-le, puis réessayez.',
  'error.embedded_browser':
    'La connexion ne fonctionne pas dans cette application. Ouvrez la page dans votre navigateur pour vous connecter.',
  'error.link_invalid':
    'Ce lien de connexion a expiré ou a déjà été utilisé. Demandez-en un nouveau.',
  'field.name.required': 'Saisissez votre nom.',
  'field.email.required': 'Saisissez votre adresse e-mail.',
  'field.email.invalid': 'Saisissez une adresse e-mail valide.',
  'field.provider.invalid': 'Choisissez google, microsoft ou zoom.',
  'dialog.title': 'Connecter votre agenda',
  'dialog.lede': '{productName} utilise Pyas pour connecter votre compte en toute sécurité',
  'dialog.name': 'Votre nom',
  'dialog.email': 'Adresse e-mail professionnelle',
  'dialog.close': 'Fermer',
  'provider.google': 'Google Agenda',
  'provider.microsoft': 'Calendrier Outlook',
  'provider.zoom': 'Zoom',
  'account.active': 'Connecté',
  'account.inactive': 'À reconnecter',
  'account.disconnect': 'Déconnecter',
  'account.empty': 'Aucun agenda connecté pour le moment.',
  'calendars.conflicts': 'Vérifier les conflits dans ces agendas',
  'calendars.destination': 'Ajouter les nouveaux événements à',
  'calendars.loading': 'Chargement des agendas…',
  'calendars.empty': 'Aucun agenda trouvé.',
  'calendars.readOnly': '(lecture seule)',
  'calendars.retry': 'Réessayer',
  'calendars.provider.invalid': 'Choisissez google ou microsoft.',
  'calendars.accountId.required': 'Choisissez un compte connecté.',
  'openInBrowser.text':
    'La connexion est bloquée dans cette application. Ouvrez ce lien dans votre navigateur (Safari ou Chrome) pour vous connecter.',
  'openInBrowser.copy': 'Copier le lien',
  'openInBrowser.copied': 'Lien copié. Collez-le dans votre navigateur.',
  'openInBrowser.field': 'Lien à ouvrir dans votre navigateur',
  'openInBrowser.chrome': 'Ouvrir dans Chrome',
}

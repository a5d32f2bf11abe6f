import type { PyasMessages } from '../core/messages.js'

/** Brazilian Portuguese (português do Brasil), `@pyas/react/locales/pt-BR`. */
export const messages: PyasMessages = {
  'label.google': 'Conectar Google Agenda',
  'label.microsoft': 'Conectar Calendário do Outlook',
  'label.zoom': 'Conectar Zoom',
  'reconnect.google': 'Reconectar Google Agenda',
  'reconnect.microsoft': 'Reconectar Calendário do Outlook',
  'reconnect.zoom': 'Reconectar Zoom',
  'status.redirecting': 'Redirecionando para {brand}…',
  'status.exchanging': 'Conectando sua conta {brand}…',
  'status.connected': 'Conectado como {account}',
  'status.cancelled': 'A conexão com {brand} foi cancelada.',
  'error.invalid_request':
    'Alguns dados estão faltando ou são inválidos. Confira e tente novamente.',
  'error.unauthorized':
    'O servidor não conseguiu se autenticar no Pyas. Verifique a chave de API do servidor.',
  'error.forbidden': 'O servidor recusou esta solicitação. Faça login novamente e tente outra vez.',
  'error.invalid_grant':
    'Este código de login é inválido ou já foi usado. Conecte a conta novamente.',
  'error.state_mismatch': 'Este login não foi iniciado aqui. Conecte a conta novamente.',
  'error.expired_attempt': 'Este login expirou. Conecte a conta novamente.',
  'error.provider_error': 'O provedor da agenda informou um erro. Tente novamente.',
  'error.provider_error.detail': 'O provedor respondeu “{error}”. Tente novamente.',
  'error.admin_consent_required':
    'Sua organização precisa aprovar este app primeiro. Peça a liberação ao administrador de TI e tente novamente.',
  'error.rate_limited': 'Muitas tentativas. Aguarde um momento e tente novamente.',
  'error.rate_limited.retry': 'Muitas tentativas. Tente novamente em {seconds} segundos.',
  'error.network': 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
  'error.proxy_error': 'O servidor enviou uma resposta inesperada. Tente novamente mais tarde.',
  'error.proxy_error.other_tab': 'Outra aba não concluiu este login. Conecte a conta novamente.',
  'error.popup_blocked': 'A janela de login foi bloqueada. Permita pop-ups e tente novamente.',
  'error.popup_closed': 'A janela de login foi fechada. Conecte a conta novamente.',
  'error.storage_unavailable':
    'Este navegador bloqueia o armazenamento de dados do site. Permita o armazenamento e tente novamente.',
  'error.embedded_browser':
    'Não é possível entrar dentro deste app. Abra a página no seu navegador para conectar.',
  'error.link_invalid': 'Este link de conexão expirou ou já foi usado. Peça um novo.',
  'field.name.required': 'Informe seu nome.',
  'field.email.required': 'Informe seu e-mail.',
  'field.email.invalid': 'Informe um e-mail válido.',
  'field.provider.invalid': 'Escolha google, microsoft ou zoom.',
  'dialog.title': 'Conecte sua agenda',
  'dialog.lede': '{productName} usa o Pyas para conectar sua conta com segurança',
  'dialog.name': 'Seu nome',
  'dialog.email': 'E-mail corporativo',
  'dialog.close': 'Fechar',
  'provider.google': 'Google Agenda',
  'provider.microsoft': 'Calendário do Outlook',
  'provider.zoom': 'Zoom',
  'account.active': 'Conectado',
  'account.inactive': 'Reconexão necessária',
  'account.disconnect': 'Desconectar',
  'account.empty': 'Nenhuma agenda conectada ainda.',
  'openInBrowser.text':
    'O login está bloqueado neste app. Abra este link no seu navegador (Safari ou Chrome) para conectar.',
  'openInBrowser.copy': 'Copiar link',
  'openInBrowser.copied': 'Link copiado. Cole-o no seu navegador.',
  'openInBrowser.field': 'Link para abrir no navegador',
  'openInBrowser.chrome': 'Abrir no Chrome',
}

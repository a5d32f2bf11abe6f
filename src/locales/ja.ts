import type { PyasMessages } from '../core/messages.js'

/**
 * Japanese (日本語), `@pyas/react/locales/ja`. Polite form (です・ます); full-width punctuation;
 * a half-width space between Latin words and Japanese, as in "Google カレンダー".
 */
export const messages: PyasMessages = {
  'label.google': 'Google カレンダーを接続',
  'label.microsoft': 'Outlook カレンダーを接続',
  'label.zoom': 'Zoom を接続',
  'reconnect.google': 'Google カレンダーを再接続',
  'reconnect.microsoft': 'Outlook カレンダーを再接続',
  'reconnect.zoom': 'Zoom を再接続',
  'status.redirecting': '{brand} に移動しています…',
  'status.exchanging': '{brand} アカウントを接続しています…',
  'status.connected': '{account} として接続しました',
  'status.cancelled': '{brand} への接続はキャンセルされました。',
  'error.invalid_request':
    '入力内容に不足または誤りがあります。内容を確認して、もう一度お試しください。',
  'error.unauthorized':
    'サーバーが Pyas にサインインできませんでした。しばらくしてからもう一度お試しください。',
  'error.forbidden':
    'サーバーがこのリクエストを拒否しました。もう一度サインインしてからお試しください。',
  'error.invalid_grant':
    'このサインインコードは無効か、すでに使用されています。もう一度接続してください。',
  'error.state_mismatch':
    'このサインインはこのページで開始されたものではありません。もう一度接続してください。',
  'error.expired_attempt': 'サインインの有効期限が切れました。もう一度接続してください。',
  'error.provider_error': 'カレンダーサービスでエラーが発生しました。もう一度お試しください。',
  'error.provider_error.detail':
    'サービスから「{error}」というエラーが返されました。もう一度お試しください。',
  'error.admin_consent_required':
    'このアプリを使うには、組織の管理者による承認が必要です。IT 管理者に承認を依頼してから、もう一度お試しください。',
  'error.rate_limited': '試行回数が多すぎます。しばらく待ってから、もう一度お試しください。',
  'error.rate_limited.retry': '試行回数が多すぎます。{seconds} 秒後にもう一度お試しください。',
  'error.network':
    'サーバーに接続できませんでした。ネットワーク接続を確認して、もう一度お試しください。',
  'error.proxy_error':
    'サーバーから予期しない応答がありました。しばらくしてから、もう一度お試しください。',
  'error.proxy_error.other_tab':
    '別のタブでこのサインインが完了しませんでした。もう一度接続してください。',
  'error.popup_blocked':
    'サインインウィンドウがブロックされました。ポップアップを許可して、もう一度お試しください。',
  'error.popup_closed': 'サインインウィンドウが閉じられました。もう一度接続してください。',
  'error.storage_unavailable':
    'このブラウザではサイトデータの保存がブロックされています。保存を許可して、もう一度お試しください。',
  'error.embedded_browser':
    'このアプリ内ではサインインできません。ブラウザでページを開いて接続してください。',
  'error.link_invalid':
    'この接続リンクは期限切れか、すでに使用されています。新しいリンクを依頼してください。',
  'field.name.required': '名前を入力してください。',
  'field.email.required': 'メールアドレスを入力してください。',
  'field.email.invalid': '有効なメールアドレスを入力してください。',
  'field.provider.invalid': 'google、microsoft、zoom のいずれかを選択してください。',
  'dialog.title': 'カレンダーを接続',
  'dialog.lede': '{productName} は Pyas を使って、お客様のアカウントを安全に接続します',
  'dialog.name': 'お名前',
  'dialog.email': '勤務先のメールアドレス',
  'dialog.close': '閉じる',
  'provider.google': 'Google カレンダー',
  'provider.microsoft': 'Outlook カレンダー',
  'provider.zoom': 'Zoom',
  'account.active': '接続済み',
  'account.inactive': '再接続が必要です',
  'account.disconnect': '接続を解除',
  'account.empty': 'まだカレンダーが接続されていません。',
  'calendars.conflicts': 'これらのカレンダーで予定の重複を確認',
  'calendars.destination': '新しい予定の追加先',
  'calendars.loading': 'カレンダーを読み込んでいます…',
  'calendars.empty': 'カレンダーが見つかりません。',
  'calendars.readOnly': '（閲覧のみ）',
  'calendars.retry': '再試行',
  'calendars.provider.invalid': 'google または microsoft を選択してください。',
  'calendars.accountId.required': '接続済みのアカウントを選択してください。',
  'openInBrowser.text':
    'このアプリ内ではサインインがブロックされています。このリンクをブラウザ（Safari または Chrome）で開いて接続してください。',
  'openInBrowser.copy': 'リンクをコピー',
  'openInBrowser.copied': 'リンクをコピーしました。ブラウザに貼り付けてください。',
  'openInBrowser.field': 'ブラウザで開くリンク',
  'openInBrowser.chrome': 'Chrome で開く',
}

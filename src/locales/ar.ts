import type { PyasMessages } from '../core/messages.js'

/**
 * Arabic (العربية), `@pyas/react/locales/ar`: Modern Standard Arabic. Read right to left: set
 * `dir="rtl"` on the page (or an ancestor), and the stylesheet mirrors every component.
 */
export const messages: PyasMessages = {
  'label.google': 'ربط تقويم Google',
  'label.microsoft': 'ربط تقويم Outlook',
  'label.zoom': 'ربط Zoom',
  'reconnect.google': 'إعادة ربط تقويم Google',
  'reconnect.microsoft': 'إعادة ربط تقويم Outlook',
  'reconnect.zoom': 'إعادة ربط Zoom',
  'status.redirecting': 'جارٍ الانتقال إلى {brand}…',
  'status.exchanging': 'جارٍ ربط حسابك على {brand}…',
  'status.connected': 'تم الربط بحساب {account}',
  'status.cancelled': 'تم إلغاء الربط مع {brand}.',
  'error.invalid_request': 'بعض البيانات ناقصة أو غير صحيحة. راجِعها ثم حاول مرة أخرى.',
  'error.unauthorized': 'تعذّر على الخادم تسجيل الدخول إلى Pyas. حاول مرة أخرى لاحقًا.',
  'error.forbidden': 'رفض الخادم هذا الطلب. سجّل الدخول من جديد ثم حاول مرة أخرى.',
  'error.invalid_grant': 'رمز تسجيل الدخول هذا غير صالح أو سبق استخدامه. أعِد محاولة الربط.',
  'error.state_mismatch': 'لم تبدأ عملية تسجيل الدخول هذه من هنا. أعِد محاولة الربط.',
  'error.expired_attempt': 'انتهت صلاحية عملية تسجيل الدخول هذه. أعِد محاولة الربط.',
  'error.provider_error': 'أبلغ مزوّد التقويم عن خطأ. حاول مرة أخرى.',
  'error.provider_error.detail': 'ردّ المزوّد بالخطأ «{error}». حاول مرة أخرى.',
  'error.admin_consent_required':
    'يجب أن توافق مؤسستك على هذا التطبيق أولًا. اطلب الموافقة من مسؤول تقنية المعلومات لديك، ثم حاول مرة أخرى.',
  'error.rate_limited': 'محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.',
  'error.rate_limited.retry': 'محاولات كثيرة جدًا. حاول مرة أخرى بعد {seconds} ثانية.',
  'error.network': 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك بالإنترنت ثم حاول مرة أخرى.',
  'error.proxy_error': 'أرسل الخادم ردًا غير متوقع. حاول مرة أخرى لاحقًا.',
  'error.proxy_error.other_tab':
    'لم تُكمل علامة تبويب أخرى عملية تسجيل الدخول هذه. أعِد محاولة الربط.',
  'error.popup_blocked': 'تم حظر نافذة تسجيل الدخول. اسمح بالنوافذ المنبثقة ثم حاول مرة أخرى.',
  'error.popup_closed': 'تم إغلاق نافذة تسجيل الدخول. أعِد محاولة الربط.',
  'error.storage_unavailable': 'يحظر هذا المتصفح تخزين بيانات المواقع. اسمح بذلك ثم حاول مرة أخرى.',
  'field.name.required': 'أدخِل اسمك.',
  'field.email.required': 'أدخِل عنوان بريدك الإلكتروني.',
  'field.email.invalid': 'أدخِل عنوان بريد إلكتروني صالحًا.',
  'field.provider.invalid': 'اختر google أو microsoft أو zoom.',
  'dialog.title': 'ربط تقويمك',
  'dialog.lede': 'يستخدم {productName} خدمة Pyas لربط حسابك بأمان',
  'dialog.name': 'اسمك',
  'dialog.email': 'البريد الإلكتروني للعمل',
  'dialog.close': 'إغلاق',
  'provider.google': 'تقويم Google',
  'provider.microsoft': 'تقويم Outlook',
  'provider.zoom': 'Zoom',
  'account.active': 'مرتبط',
  'account.inactive': 'يحتاج إلى إعادة الربط',
  'account.disconnect': 'إلغاء الربط',
  'account.empty': 'لم يُربط أي تقويم بعد.',
}

/**
 * An error in plain words, in the current language, with its stable code and what to do next
 * (DESIGN §9). Core errors carry both languages (RpcError.messageVi / messageEn).
 */
import { useI18n } from '../i18n/I18nContext.js';
import { errorCode } from '../rpc/useCall.js';

export function errorText(error: unknown, pick: (vi: string | undefined, en: string | undefined) => string): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { messageVi?: unknown; messageEn?: unknown; message_vi?: unknown; message_en?: unknown; message?: unknown };
    const viText = typeof e.messageVi === 'string' ? e.messageVi : typeof e.message_vi === 'string' ? e.message_vi : undefined;
    const enText = typeof e.messageEn === 'string' ? e.messageEn : typeof e.message_en === 'string' ? e.message_en : undefined;
    if (viText !== undefined || enText !== undefined) return pick(viText, enText);
    if (typeof e.message === 'string') return e.message;
  }
  return String(error);
}

export function ErrorMessage({ error, keptInput = false }: { error: unknown; keptInput?: boolean }) {
  const { t, pick } = useI18n();
  const code = errorCode(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('common.errorTitle')}</p>
      <p>{errorText(error, pick)}</p>
      {keptInput && <p>{t('common.keptInput')}</p>}
      {code !== null && <p className="muted">{t('common.errorCode', { code })}</p>}
    </div>
  );
}

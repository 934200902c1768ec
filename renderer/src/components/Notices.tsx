/** Small status blocks every screen uses: loading, not available yet, success, warning. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nContext.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Shown when the core answers RPC_UNKNOWN_METHOD: this version does not offer the function. */
export function NotAvailable() {
  const { t } = useI18n();
  return (
    <div className="notice notice-info" role="status" data-testid="not-available">
      <p className="notice-title">{t('common.unavailableTitle')}</p>
      <p>{t('common.unavailableBody')}</p>
    </div>
  );
}

export function Notice({ kind, children, title }: { kind: 'ok' | 'warning' | 'info' | 'error'; children: ReactNode; title?: string }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      {title !== undefined && <p className="notice-title">{title}</p>}
      {children}
    </div>
  );
}

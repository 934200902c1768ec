/**
 * An audit entry's action as the clinic reads it ("Tạo hồ sơ", "Record created"), with the stable
 * code beside it for support; an action this table does not know shows its code alone.
 */
import { useI18n } from '../i18n/I18nContext.js';
import { AUDIT_ACTIONS } from '../i18n/auditActions.js';

export function AuditAction({ action }: { action: string }) {
  const { t } = useI18n();
  const key = AUDIT_ACTIONS[action];
  if (key === undefined) return <code>{action}</code>;
  return (
    <>
      {t(key)} <span className="muted">({action})</span>
    </>
  );
}

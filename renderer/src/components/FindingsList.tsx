/** Validation findings in the current language, errors first, each with its field and severity. */
import type { Finding } from '../../../shared/domain/types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { fieldLabel } from './fieldLabel.js';

export function FindingsList({ findings, id }: { findings: readonly Finding[]; id?: string }) {
  const { t, pick } = useI18n();
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="findings" id={id}>
      {sorted.map((f, i) => (
        <li key={`${f.code}-${f.field}-${i}`} className={`finding finding-${f.severity}`}>
          <span className={`severity severity-${f.severity}`}>{t(`severity.${f.severity}`)}</span> <strong>{fieldLabel(f.field, t)}:</strong> {pick(f.message_vi, f.message_en)}{' '}
          <span className="muted">({f.code})</span>
        </li>
      ))}
    </ul>
  );
}

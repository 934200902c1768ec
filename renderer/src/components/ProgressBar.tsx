/** Progress of a long task (import, sign, sync), with a Stop button where cancelling is safe. */
import { useId } from 'react';
import { useI18n } from '../i18n/I18nContext.js';

export interface Progress {
  done: number;
  total: number | null;
  message?: string;
}

export function ProgressBar({ label, progress, onCancel }: { label: string; progress: Progress | null; onCancel?: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const fmt = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <div className="progress" role="group" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="progress-label">
        {label}
      </p>
      {total !== null && total > 0 ? <progress aria-labelledby={`${id}-label`} max={total} value={Math.min(done, total)} /> : <progress aria-labelledby={`${id}-label`} />}
      <p className="muted" aria-live="polite">
        {total !== null ? t('common.progress', { done: fmt(done), total: fmt(total) }) : t('common.progressUnknown', { done: fmt(done) })}
        {progress?.message ? ` — ${progress.message}` : ''}
      </p>
      {onCancel && (
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.stop')}
        </button>
      )}
    </div>
  );
}

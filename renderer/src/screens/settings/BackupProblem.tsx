/**
 * Why the daily copy was not taken, and how old the newest copy is: on the overview and in the
 * settings' backups panel. A copy that fails day after day (a full disk, a read-only folder) used
 * to be only in the log (electron/core/db/backups.ts `scheduleBackups`).
 */
import type { ReactNode } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { Notice } from '../../components/Notices.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { formatDateTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/vi.js';

type Listed = ResultOf<'backups.list'>;

const DAY_MS = 24 * 3600_000;

/** Each kind of copy, as the screens name it. */
export const BACKUP_KIND: Record<Listed['items'][number]['kind'], MessageKey> = {
  daily: 'backups.kind.daily',
  upgrade: 'backups.kind.upgrade',
  manual: 'backups.kind.manual',
};

/** Whole days since the newest copy, by this PC's clock; null without one. */
function newestAgeDays(list: Listed, now: number = Date.now()): number | null {
  const newest = list.items[0];
  return newest === undefined ? null : Math.max(0, Math.floor((now - Date.parse(newest.takenAt)) / DAY_MS));
}

export function BackupProblem({ list, children }: { list: Listed; children?: ReactNode }) {
  const { t, pick } = useI18n();
  const problem = list.daily?.problem ?? null;
  if (problem === null) return null;
  const days = newestAgeDays(list);
  return (
    <Notice kind="warning">
      <p data-testid="backups-problem" data-code={problem.code}>
        {t('backups.dailyProblem', { at: formatDateTime(problem.at), message: pick(problem.message_vi, problem.message_en) })}
      </p>
      {days === null ? <p>{t('backups.none')}</p> : days >= 2 ? <p>{t('backups.stale', { days })}</p> : null}
      {children}
    </Notice>
  );
}

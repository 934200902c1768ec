/**
 * The previewed file's very bytes were imported before: when (Viet Nam time, as every date the
 * station shows), under which name, and how many records that import created (what it did; why
 * not its other counts: electron/core/import/importedBeforeNote.ts). Imported more than once: how
 * many times, the first import (the one that normally created the records) and the newest
 * (shared/domain/earlierImports.ts). A notice, not a refusal: committing again imports only the
 * rows not stored yet (`station import` prints the same words).
 */
import { namedEarlierImports } from '../../../../shared/domain/earlierImports.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { Notice } from '../../components/Notices.js';
import { formatDayAndTime, formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';

type EarlierImport = ResultOf<'import.preview'>['importedBefore'][number];

export function ImportedBefore({ runs, total }: { runs: readonly EarlierImport[]; total: number }) {
  const { t, lang } = useI18n();
  const named = namedEarlierImports(runs, total);
  if (named === null) return null;
  const { first, later, between } = named;
  const line = (key: MessageKey, run: EarlierImport, i = 0) => {
    const when = formatDayAndTime(run.committedAt) ?? { day: run.committedAt, time: '' };
    return <p key={`${run.committedAt}-${i}`}>{t(key, { ...when, name: run.fileName, created: formatNumber(run.created, lang) })}</p>;
  };
  return (
    <div data-testid="import-imported-before">
      <Notice kind="warning">
        {later.length === 0 ? (
          line('import.importedBefore', first)
        ) : (
          <>
            <p>{t('import.importedTimes', { total: formatNumber(total, lang) })}</p>
            {line('import.importedFirst', first)}
            {between > 0 && <p>{t('import.importedBetween', { n: formatNumber(between, lang) })}</p>}
            {later.map((run, i) => line(i === later.length - 1 ? 'import.importedLast' : 'import.importedThen', run, i))}
          </>
        )}
        <p>{t('import.importedBeforeHint')}</p>
      </Notice>
    </div>
  );
}

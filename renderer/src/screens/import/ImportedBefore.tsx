/**
 * The previewed file's very bytes were imported before: when (Viet Nam time, as every date the
 * station shows), under which name, and how many records that import created (what it did; why
 * not its other counts: electron/core/import/importedBeforeNote.ts). A notice,
 * not a refusal: committing again imports only the rows not stored yet (`station import` prints
 * the same words).
 */
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { Notice } from '../../components/Notices.js';
import { formatDayAndTime, formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';

type EarlierImport = ResultOf<'import.preview'>['importedBefore'][number];

/** Earlier imports named one by one (newest first); older ones are said in one sentence. */
const NAMED = 3;

export function ImportedBefore({ runs }: { runs: readonly EarlierImport[] }) {
  const { t, lang } = useI18n();
  if (runs.length === 0) return null;
  return (
    <div data-testid="import-imported-before">
      <Notice kind="warning">
        {runs.slice(0, NAMED).map((run, i) => {
          const when = formatDayAndTime(run.committedAt) ?? { day: run.committedAt, time: '' };
          const vars = { ...when, name: run.fileName, created: formatNumber(run.created, lang) };
          return <p key={`${run.committedAt}-${i}`}>{t(i === 0 ? 'import.importedBefore' : 'import.importedAlso', vars)}</p>;
        })}
        {runs.length > NAMED && <p>{t('import.importedEarlier')}</p>}
        <p>{t('import.importedBeforeHint')}</p>
      </Notice>
    </div>
  );
}

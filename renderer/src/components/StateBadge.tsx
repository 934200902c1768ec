/** A record's queue state as a labelled badge (the text carries the meaning, colour only helps). */
import type { RecordState } from '../../../shared/domain/types.js';
import { useI18n } from '../i18n/I18nContext.js';

export function StateBadge({ state }: { state: RecordState }) {
  const { t } = useI18n();
  return <span className={`badge badge-${state}`}>{t(`state.${state}`)}</span>;
}

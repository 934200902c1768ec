/**
 * Discarding an unsigned (draft or ready) record: a dose entered twice, a row imported by
 * mistake. `records.discard` takes it out of the queue and keeps it whole, with the reason, in the
 * audit log; a signed record is never discarded (it is corrected), so the button is only offered
 * for a draft or ready one, and a refusal from the core is shown here with the reason kept.
 */
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';

export function DiscardDialog({ recordId, onClose, onDiscarded }: { recordId: string; onClose: () => void; onDiscarded: (r: ResultOf<'records.discard'>) => void }) {
  const { t } = useI18n();
  const client = useRpc();
  return (
    <ReasonDialog
      title={t('discard.title')}
      what={<p>{t('discard.what')}</p>}
      label={t('discard.reason')}
      hint={t('discard.reasonHint')}
      confirm={t('discard.confirm')}
      tone="danger"
      send={async (reason) => onDiscarded(await client.call('records.discard', { id: recordId, reason }))}
      onClose={onClose}
    />
  );
}

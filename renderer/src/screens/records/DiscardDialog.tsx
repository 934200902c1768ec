/**
 * Discarding an unsigned (draft or ready) record: a dose entered twice, a row imported by
 * mistake. `records.discard` takes it out of the queue and keeps it whole, with the reason, in the
 * audit log; a signed record is never discarded (it is corrected), so the button is only offered
 * for a draft or ready one, and a refusal from the core is shown here with the reason kept.
 */
import { useId, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { BusyButton } from '../../components/BusyButton.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ReasonBox } from '../../components/ReasonBox.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';

export function DiscardDialog({ recordId, onClose, onDiscarded }: { recordId: string; onClose: () => void; onDiscarded: (r: ResultOf<'records.discard'>) => void }) {
  const { t } = useI18n();
  const client = useRpc();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDiscarded(await client.call('records.discard', { id: recordId, reason: reason.trim() }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('discard.title')} onClose={onClose} labelId={`${ids}-title`}>
      <p>{t('discard.what')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && reason.trim() !== '') void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('discard.reason')}</label>
          <ReasonBox id={`${ids}-reason`} value={reason} onChange={setReason} hintId={`${ids}-reason-hint`} />
          <p id={`${ids}-reason-hint`} className="hint">
            {t('discard.reasonHint')}
          </p>
        </div>
        {error !== null && <ErrorMessage error={error} keptInput />}
        <div className="form-actions">
          <BusyButton busy={busy} type="submit" className="button danger">
            {t('discard.confirm')}
          </BusyButton>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

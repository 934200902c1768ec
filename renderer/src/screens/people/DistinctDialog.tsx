/**
 * "Not the same person": a listed pair the clerk has checked and says are two people (namesakes
 * born the same day). With a reason, `people.distinct` keeps it (audited) and the pair leaves the
 * list, so the pairs behind the first 100 come up. Nothing else changes; either may be merged later.
 */
import { useId, useState } from 'react';
import { RpcError } from '../../../../shared/rpc/client.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { BusyButton } from '../../components/BusyButton.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ReasonBox } from '../../components/ReasonBox.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';

type Person = ResultOf<'people.duplicates'>['pairs'][number]['a'];

export function DistinctDialog({ a, b, outOfDate, onClose, onDone }: {
  a: Person;
  b: Person;
  /** The codes that say the pair on screen is out of date: the list is read again (onDone). */
  outOfDate: ReadonlySet<string>;
  onClose: () => void;
  onDone: (marked: boolean) => void;
}) {
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
      await client.call('people.distinct', { aId: a.id, bId: b.id, reason: reason.trim() });
      onDone(true);
    } catch (err) {
      setError(err);
      if (err instanceof RpcError && outOfDate.has(err.code)) onDone(false);
    } finally {
      setBusy(false);
    }
  };
  const who = (p: Person) => `${p.fullName} (${p.idNumber})`;
  return (
    <Dialog title={t('people.distinctTitle')} onClose={onClose} labelId={`${ids}-title`}>
      <p data-testid="distinct-what">{t('people.distinctWhat', { a: who(a), b: who(b) })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && reason.trim() !== '') void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('people.distinctReason')}</label>
          <ReasonBox id={`${ids}-reason`} value={reason} onChange={setReason} hintId={`${ids}-reason-hint`} />
          <p id={`${ids}-reason-hint`} className="hint">
            {t('people.distinctHint')}
          </p>
        </div>
        {error !== null && <ErrorMessage error={error} keptInput />}
        <div className="form-actions">
          <BusyButton busy={busy} type="submit" className="button primary">
            {t('people.distinctConfirm')}
          </BusyButton>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

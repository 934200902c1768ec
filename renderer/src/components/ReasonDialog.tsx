/**
 * A dialog that asks for the reason of an audited change (a merge, a discard) and sends it: the
 * reason is required and at most 500 characters, as the core's; a refusal is shown in the dialog
 * with the reason kept, nothing changed. `send` gets the reason trimmed; the dialog stays open
 * until the caller closes it (its `send` usually does, on success).
 */
import { useId, useState, type ReactNode } from 'react';
import { BusyButton } from './BusyButton.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ReasonBox } from './ReasonBox.js';
import { useI18n } from '../i18n/I18nContext.js';

export interface ReasonDialogProps {
  title: string;
  /** What the change does, above the reason. */
  what: ReactNode;
  label: string;
  hint: string;
  confirm: string;
  /** The confirm button's look: `primary` for a merge, `danger` for a discard. */
  tone: 'primary' | 'danger';
  send: (reason: string) => Promise<void>;
  onClose: () => void;
  /** Said under a refusal (the duplicates screen: the list was read again behind the dialog). */
  errorNote?: ReactNode;
}

export function ReasonDialog({ title, what, label, hint, confirm, tone, send, onClose, errorNote }: ReasonDialogProps) {
  const { t } = useI18n();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await send(reason.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} labelId={`${ids}-title`}>
      {what}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && reason.trim() !== '') void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{label}</label>
          <ReasonBox id={`${ids}-reason`} value={reason} onChange={setReason} hintId={`${ids}-reason-hint`} />
          <p id={`${ids}-reason-hint`} className="hint">
            {hint}
          </p>
        </div>
        {error !== null && <ErrorMessage error={error} keptInput />}
        {error !== null && errorNote}
        <div className="form-actions">
          <BusyButton busy={busy} type="submit" className={`button ${tone}`}>
            {confirm}
          </BusyButton>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The certificates set aside that a clerk dismissed, each with an Undo (session 27): a dismissal
 * hid the entry from the list and from every later pull, with no way back. Undone, it is listed
 * again and asked for again at the next sync. No confirm: undoing only brings back what was shown
 * before, and the dismissal can be made again. The notice of an undo is the Sync screen's state,
 * shared with its dismissal notice: only the last of the two shows (session 28).
 */
import { useEffect, useRef, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Notice } from '../../components/Notices.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';

type Dismissed = ResultOf<'sync.status'>['certificatesDismissed'];

export function DismissedCertificates({ dismissed, undone, onUndone, onChanged }: {
  dismissed: Dismissed;
  /** The UVCI (or id) of the last undo, while its notice is the screen's last. */
  undone: string | null;
  onUndone: (uvci: string | null) => void;
  onChanged: () => void;
}) {
  const { t, pick } = useI18n();
  const client = useRpc();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The row's button is gone once undone: the focus goes to what happened.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (undone !== null) notice.current?.focus();
  }, [undone]);
  const named = (v: string) => (v === '' ? t('sync.unnamed') : v);

  const undo = async (id: string) => {
    setBusy(true);
    setError(null);
    onUndone(null);
    try {
      const r = await client.call('sync.undoDismissSetAside', { id });
      onUndone(r.restored.uvci || r.restored.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  return (
    <>
      {undone !== null && (
        <div ref={notice} tabIndex={-1}>
          <Notice kind="ok">
            <p data-testid="undo-dismiss-result">{t('sync.undoDismissed', { uvci: undone })}</p>
          </Notice>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {dismissed.total > 0 && (
        <details data-testid="sync-dismissed">
          <summary>{t('sync.dismissedList', { n: dismissed.total })}</summary>
          <ul>
            {dismissed.items.map((d) => (
              <li key={d.id} data-dismissed={d.id}>
                {named(d.uvci)} · {named(d.recordId)}: {pick(d.message_vi, d.message_en)} <span className="muted">({d.code}; {t('sync.dismissedBy', { at: formatDateTime(d.dismissedAt), by: d.dismissedBy })})</span>{' '}
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  onClick={() => void undo(d.id)}
                  aria-label={t('sync.undoDismissLabel', { uvci: named(d.uvci), record: named(d.recordId) })}
                >
                  {t('sync.undoDismiss')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * The station's checked copies (electron/core/db/backups.ts): when the newest was taken, where
 * they are, how many databases restores replaced are kept beside station.db, and a copy now.
 * Putting one back needs the station closed (`station restore`), so the panel says how rather
 * than offering a button that could not work while this window is open.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Notice } from '../../components/Notices.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { formatDateTime, formatMegabytes, formatNumber } from '../../i18n/format.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { BACKUP_KIND, BackupProblem } from './BackupProblem.js';
import { restoreCommand } from './restoreCommand.js';

type Made = ResultOf<'backups.create'>;
type Listed = ResultOf<'backups.list'>;


export function BackupsPanel() {
  const { t, lang } = useI18n();
  const client = useRpc();
  const [list, setList] = useState<Listed | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(() => client.call('backups.list', {}).then(setList, setError), [client]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const backUp = async () => {
    if (busy) return;
    setBusy(true);
    setMade(null);
    setError(null);
    try {
      setMade(await client.call('backups.create', {}));
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const newest = list?.items[0] ?? null;
  return (
    <section className="settings-backups" aria-labelledby="backups-title" aria-busy={busy}>
      <h2 id="backups-title">{t('backups.title')}</h2>
      {list !== null && (
        <p data-testid="backups-newest">
          {newest === null
            ? t('backups.none')
            : t('backups.newest', { at: formatDateTime(newest.takenAt), kind: t(BACKUP_KIND[newest.kind]), count: list.items.length })}
        </p>
      )}
      {list !== null && <BackupProblem list={list} />}
      {list !== null && <p className="hint">{t('backups.where', { folder: list.folder })}</p>}
      {list !== null && list.replaced.kept > 0 && (
        <p className="hint" data-testid="backups-replaced">
          {t('backups.replaced', { count: formatNumber(list.replaced.kept, lang), size: formatMegabytes(list.replaced.bytes, lang) })}
        </p>
      )}
      {list !== null && <p className="hint">{t('backups.restoreHow', { command: restoreCommand(list.folder) })}</p>}
      <div className="form-actions">
        <BusyButton busy={busy} className="button" onClick={() => void backUp()}>
          {busy ? t('backups.working') : t('backups.now')}
        </BusyButton>
      </div>
      <div aria-live="polite">
        {made !== null && (
          <Notice kind="ok">
            {t('backups.made', { name: made.name, records: formatNumber(made.records, lang), certificates: formatNumber(made.certificates, lang) })}
          </Notice>
        )}
      </div>
      {error !== null && <ErrorMessage error={error} keptInput />}
    </section>
  );
}

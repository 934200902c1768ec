/** The audit log, newest first, page by page, and the hash-chain check (DESIGN §4). */
import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { AuditAction } from '../../components/AuditAction.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading, NotAvailable, Notice } from '../../components/Notices.js';
import { Screen } from '../../components/Screen.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { isUnavailable } from '../../rpc/useCall.js';

type Entry = ResultOf<'audit.list'>['entries'][number];
type Check = ResultOf<'audit.verify'>;
const PAGE = 100;

export function AuditScreen() {
  const { t } = useI18n();
  const client = useRpc();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [checking, setChecking] = useState(false);

  const load = (beforeSeq?: number) => {
    client.call('audit.list', beforeSeq === undefined ? { limit: PAGE } : { limit: PAGE, beforeSeq }).then(
      (r) => {
        setEntries((old) => (beforeSeq === undefined ? r.entries : [...(old ?? []), ...r.entries]));
        setMore(r.entries.length === PAGE);
      },
      (err: unknown) => setError(err),
    );
  };
  useEffect(() => load(), [client]);

  const verify = async () => {
    setChecking(true);
    try {
      setCheck(await client.call('audit.verify', {}));
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };

  if (error !== null && isUnavailable(error)) return <Screen name="audit" title={t('audit.title')}><NotAvailable /></Screen>;
  return (
    <Screen
      name="audit"
      title={t('audit.title')}
      actions={
        <BusyButton busy={checking} onClick={() => void verify()}>
          {t('audit.verify')}
        </BusyButton>
      }
    >
      {check !== null &&
        (check.ok ? (
          <Notice kind="ok">
            <p data-testid="audit-check">{t('audit.ok', { n: check.entries })}</p>
          </Notice>
        ) : (
          <Notice kind="error">
            <p data-testid="audit-check">{t('audit.broken', { seq: check.brokenAt ?? '?', reason: check.reason ?? '' })}</p>
          </Notice>
        ))}
      {error !== null && <ErrorMessage error={error} />}
      {entries === null && error === null && <Loading />}
      {entries !== null && entries.length === 0 && <p>{t('audit.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.seq')}</th>
                <th scope="col">{t('col.at')}</th>
                <th scope="col">{t('col.actor')}</th>
                <th scope="col">{t('col.action')}</th>
                <th scope="col">{t('col.entity')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="number">{e.seq}</td>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <AuditAction action={e.action} />
                  </td>
                  <td>
                    {e.entity}
                    {e.entityId !== null && (
                      <>
                        {' '}
                        <code>{e.entityId}</code>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && entries !== null && (
        <p>
          <button type="button" className="button secondary" onClick={() => load(entries.at(-1)?.seq)}>
            {t('audit.older')}
          </button>
        </p>
      )}
    </Screen>
  );
}

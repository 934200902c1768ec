/** What the facility head looks at first: counts per state, the token, sync and the clock. */
import { useEffect, useState, type ReactNode } from 'react';
import { RECORD_STATES } from '../../../../shared/domain/types.js';
import { Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { StateBadge } from '../../components/StateBadge.js';
import { formatDateTime, formatNumber, formatSkew } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpcEvent } from '../../rpc/RpcContext.js';
import { useCall } from '../../rpc/useCall.js';
import { href } from '../../app/routes.js';
import { BACKUP_KIND, BackupProblem } from '../settings/BackupProblem.js';

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Clock() {
  const { t } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return <p>{t('overview.clockNow', { time: formatDateTime(now.toISOString()) })}</p>;
}

export function OverviewScreen() {
  const { t, lang, pick } = useI18n();
  const [status, reloadStatus] = useCall('station.status', {});
  const [tokens, reloadTokens] = useCall('token.list', {});
  const [sync, reloadSync] = useCall('sync.status', {});
  const [backups, reloadBackups] = useCall('backups.list', {});
  useRpcEvent('token.changed', reloadTokens);
  useRpcEvent('sync.changed', reloadSync);
  const refresh = () => {
    reloadStatus();
    reloadTokens();
    reloadSync();
    reloadBackups();
  };
  return (
    <Screen
      name="overview"
      title={t('overview.title')}
      actions={
        <button type="button" className="button secondary" onClick={refresh}>
          {t('common.refresh')}
        </button>
      }
    >
      <div className="panels">
        <Panel title={t('overview.counts')}>
          <Pending state={status}>
            {(s) => {
              const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
              return (
                <>
                  <p>
                    {t('overview.facility')}: {s.facility.code !== null ? `${s.facility.name ?? ''} (${s.facility.code})` : <a href={href('settings')}>{t('overview.facilityUnset')}</a>}
                  </p>
                  <table className="counts">
                    <tbody>
                      {RECORD_STATES.map((state) => (
                        <tr key={state}>
                          <th scope="row">
                            <StateBadge state={state} />
                          </th>
                          <td className="number" data-state={state}>
                            {formatNumber(s.counts[state] ?? 0, lang)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p>
                    <strong>{t('overview.total', { n: formatNumber(total, lang) })}</strong>
                  </p>
                  <p className="muted">{t('overview.version', { version: s.version })}</p>
                </>
              );
            }}
          </Pending>
        </Panel>
        <Panel title={t('overview.token')}>
          <Pending state={tokens}>
            {(list) =>
              list.tokens.length === 0 ? (
                <p>{t('overview.tokenNone')}</p>
              ) : (
                <ul>
                  {list.tokens.map((token) => (
                    <li key={token.serial}>{t('overview.tokenPresent', { label: token.label, serial: token.serial })}</li>
                  ))}
                </ul>
              )
            }
          </Pending>
        </Panel>
        <Panel title={t('overview.sync')}>
          <Pending state={sync}>
            {(s) => (
              <>
                <p>{s.lastContactAt !== null ? t('overview.lastContact', { at: formatDateTime(s.lastContactAt) }) : t('overview.neverContacted')}</p>
                <p>{t('overview.pendingBatches', { n: s.pendingBatches })}</p>
                {s.lastError !== null && (
                  <Notice kind="warning">
                    <p>{t('sync.lastError', { message: pick(s.lastError.message_vi, s.lastError.message_en) })}</p>
                  </Notice>
                )}
              </>
            )}
          </Pending>
        </Panel>
        <Panel title={t('overview.backups')}>
          <Pending state={backups}>
            {(list) => {
              const newest = list.items[0];
              return (
                <>
                  <p data-testid="overview-backup-newest">
                    {newest === undefined
                      ? t('backups.none')
                      : t('backups.newest', { at: formatDateTime(newest.takenAt), kind: t(BACKUP_KIND[newest.kind]), count: list.items.length })}
                  </p>
                  <BackupProblem list={list}>
                    <p>
                      <a href={href('settings')}>{t('overview.backupsOpen')}</a>
                    </p>
                  </BackupProblem>
                </>
              );
            }}
          </Pending>
        </Panel>
        <Panel title={t('overview.clock')}>
          <Clock />
          {sync.status === 'ok' && sync.data.clockSkewSeconds !== null ? (
            <p>{t('overview.clockSkew', { amount: formatSkew(sync.data.clockSkewSeconds, lang) })}</p>
          ) : (
            <p className="muted">{t('overview.clockUnknown')}</p>
          )}
          {sync.status === 'ok' && sync.data.clockWarning !== null && (
            <Notice kind="warning">
              <p>{pick(sync.data.clockWarning.message_vi, sync.data.clockWarning.message_en)}</p>
            </Notice>
          )}
        </Panel>
      </div>
    </Screen>
  );
}

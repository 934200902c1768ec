/**
 * Sync (DESIGN §6): the platform, last contact, the clock check, every signed batch with its
 * state, attempts and last error, and "sync now" with progress.
 */
import { useEffect, useRef, useState } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { href } from '../../app/routes.js';
import { BusyButton } from '../../components/BusyButton.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { Screen } from '../../components/Screen.js';
import { formatDateTime, formatSkew } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';
import { useRpc, useRpcEvent } from '../../rpc/RpcContext.js';
import { newTaskId } from '../../rpc/tasks.js';
import { isUnavailable, useCall } from '../../rpc/useCall.js';
import { useTaskProgress } from '../../rpc/useTaskProgress.js';
import { DismissedCertificates } from './DismissedCertificates.js';

type SyncResult = ResultOf<'sync.run'>;

/**
 * A batch as people tell it apart: a UUIDv7's first digits are its time, the same for batches
 * signed within a minute or so; its last ones are random.
 */
function batchLabel(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
type Requeued = ResultOf<'batches.requeue'>;
type SetAsideItem = ResultOf<'sync.status'>['certificatesSetAside']['items'][number];
const BATCH_STATES: Readonly<Record<string, MessageKey>> = { signed: 'batchState.signed', submitted: 'batchState.submitted', failed: 'batchState.failed' };

export function SyncScreen() {
  const { t, lang, pick } = useI18n();
  const client = useRpc();
  const [status, reloadStatus] = useCall('sync.status', {});
  const [batches, reloadBatches] = useCall('batches.list', { limit: 100 });
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const progress = useTaskProgress(taskId);
  const [requeued, setRequeued] = useState<Requeued | null>(null);
  const [requeueing, setRequeueing] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ id: string; count: number; future: boolean } | null>(null);
  // The dialog opens on Cancel: an Enter pressed twice on the row's button must not confirm.
  const cancelRequeue = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking !== null) cancelRequeue.current?.focus();
  }, [asking]);
  // Dismissing a certificate set aside (one for no record held here): asked first, Cancel focused.
  const [dismissing, setDismissing] = useState<SetAsideItem | null>(null);
  const [dismissBusy, setDismissBusy] = useState(false);
  // One notice for the last dismissal or undo: either one makes the other's notice untrue (session 28).
  const [setAsideDone, setSetAsideDone] = useState<{ action: 'dismissed' | 'undone'; uvci: string } | null>(null);
  const dismissed = setAsideDone?.action === 'dismissed' ? setAsideDone.uvci : null;
  const cancelDismiss = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (dismissing !== null) cancelDismiss.current?.focus();
  }, [dismissing]);
  const dismissedNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (dismissed !== null) dismissedNotice.current?.focus();
  }, [dismissed]);
  // The row's button is gone once its records are back: the focus goes to what happened.
  const requeueNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (requeued !== null) requeueNotice.current?.focus();
  }, [requeued]);
  const reload = () => {
    reloadStatus();
    reloadBatches();
  };
  useRpcEvent('sync.changed', reload);

  const run = async () => {
    const id = newTaskId('sync');
    setTaskId(id);
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await client.call('sync.run', { taskId: id }));
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
      reload();
    }
  };

  // A batch refused as a whole: its records back in the signing queue, once the cause is fixed.
  const requeue = async (id: string) => {
    setAsking(null);
    setRequeueing(id);
    setError(null);
    setRequeued(null);
    try {
      setRequeued(await client.call('batches.requeue', { id }));
    } catch (err) {
      setError(err);
    } finally {
      setRequeueing(null);
      reload();
    }
  };

  const dismiss = async (item: SetAsideItem) => {
    setDismissing(null);
    setDismissBusy(true);
    setError(null);
    setSetAsideDone(null);
    try {
      const r = await client.call('sync.dismissSetAside', { id: item.id });
      setSetAsideDone({ action: 'dismissed', uvci: r.dismissed.uvci || r.dismissed.id });
    } catch (err) {
      setError(err);
    } finally {
      setDismissBusy(false);
      reload();
    }
  };
  const named = (v: string) => (v === '' ? t('sync.unnamed') : v);

  return (
    <Screen
      name="sync"
      title={t('sync.title')}
      actions={
        <button type="button" className="button secondary" onClick={reload}>
          {t('common.refresh')}
        </button>
      }
    >
      <Pending state={status}>
        {(s) => (
          <section className="panel" aria-label={t('overview.sync')}>
            {s.platformUrl !== null ? <p>{t('sync.platform', { url: s.platformUrl })}</p> : <p><a href={href('settings')}>{t('sync.noPlatform')}</a></p>}
            <p>{s.lastContactAt !== null ? t('overview.lastContact', { at: formatDateTime(s.lastContactAt) }) : t('overview.neverContacted')}</p>
            <p>{t('overview.pendingBatches', { n: s.pendingBatches })}</p>
            {s.nextTryAt !== null && <p>{t('sync.nextTry', { at: formatDateTime(s.nextTryAt) })}</p>}
            {s.clockSkewSeconds !== null && <p>{t('overview.clockSkew', { amount: formatSkew(s.clockSkewSeconds, lang) })}</p>}
            {s.clockWarning !== null && <Notice kind="warning">{pick(s.clockWarning.message_vi, s.clockWarning.message_en)}</Notice>}
            {s.lastError !== null && (
              <Notice kind="warning">
                {t('sync.lastError', { message: pick(s.lastError.message_vi, s.lastError.message_en) })} <span className="muted">({s.lastError.code})</span>
              </Notice>
            )}
            {s.certificatesSetAside.total > 0 && (
              <Notice kind="warning">
                <p data-testid="sync-set-aside">{t('sync.setAside', { n: s.certificatesSetAside.total })}</p>
                <ul>
                  {s.certificatesSetAside.items.map((a) => (
                    <li key={a.id} data-set-aside={a.id}>
                      {pick(a.message_vi, a.message_en)} <span className="muted">({a.code})</span>{' '}
                      {a.recordHeld ? (
                        <span className="muted">{t('sync.setAsideAwaited')}</span>
                      ) : (
                        <button
                          type="button"
                          className="button secondary"
                          disabled={dismissBusy}
                          onClick={() => setDismissing(a)}
                          aria-label={t('sync.dismissLabel', { uvci: named(a.uvci), record: named(a.recordId) })}
                        >
                          {t('sync.dismiss')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </Notice>
            )}
            <DismissedCertificates
              dismissed={s.certificatesDismissed}
              undone={setAsideDone?.action === 'undone' ? setAsideDone.uvci : null}
              onUndone={(uvci) => setSetAsideDone(uvci === null ? null : { action: 'undone', uvci })}
              onChanged={reload}
            />
          </section>
        )}
      </Pending>
      {status.status !== 'unavailable' && (
        <p>
          <BusyButton busy={running} onClick={() => void run()}>
            {t('sync.run')}
          </BusyButton>
        </p>
      )}
      {running && <ProgressBar label={t('sync.running')} progress={progress} />}
      {error !== null && !isUnavailable(error) && <ErrorMessage error={error} />}
      {result !== null && (
        <Notice kind={result.rejected > 0 || result.deferred ? 'warning' : 'ok'}>
          <p data-testid="sync-result">
            {t('sync.result', { batches: result.uploadedBatches, accepted: result.accepted, rejected: result.rejected, duplicates: result.duplicates, certificates: result.certificates })}
          </p>
          {/* A run that sent nothing (a Retry-After, a stalled platform) must not read as one with nothing to send. */}
          {result.deferred && result.status.lastError !== null && (
            <p data-testid="sync-deferred">{t('sync.deferred', { message: pick(result.status.lastError.message_vi, result.status.lastError.message_en) })}</p>
          )}
        </Notice>
      )}
      {dismissed !== null && (
        <div ref={dismissedNotice} tabIndex={-1}>
          <Notice kind="ok">
            <p data-testid="dismiss-result">{t('sync.dismissed', { uvci: dismissed })}</p>
          </Notice>
        </div>
      )}
      {dismissing !== null && (
        <Dialog title={t('sync.dismissTitle', { uvci: named(dismissing.uvci) })} onClose={() => setDismissing(null)} labelId="dismiss-title">
          <p>{dismissing.recordId === '' ? t('sync.dismissConfirmUnnamed') : t('sync.dismissConfirm', { record: dismissing.recordId })}</p>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void dismiss(dismissing)}>
              {t('sync.dismiss')}
            </button>
            <button type="button" className="button secondary" ref={cancelDismiss} onClick={() => setDismissing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
      {requeued !== null && (
        <div ref={requeueNotice} tabIndex={-1}>
          <Notice kind={requeued.skippedCount > 0 || requeued.ready < requeued.requeued ? 'warning' : 'ok'}>
            <p data-testid="requeue-result">
              {t('sync.requeued', { batch: batchLabel(requeued.batchId), count: requeued.requeued, ready: requeued.ready })}{' '}
              {requeued.ready > 0 && <a href={href('sign')}>{t('sync.requeuedSign')}</a>}
            </p>
            {requeued.facilityChanged !== null && (
              <p data-testid="requeue-facility">
                {t('sync.requeuedFacility', { count: requeued.facilityChanged.records, from: requeued.facilityChanged.from.join(', '), to: requeued.facilityChanged.to })}
              </p>
            )}
            {requeued.skippedCount > 0 && (
              <>
                <p>{t('sync.requeueSkipped', { count: requeued.skippedCount })}</p>
                <ul>
                  {requeued.skipped.map((s) => (
                    <li key={s.id}>
                      {pick(s.message_vi, s.message_en)} <span className="muted">({s.code})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Notice>
        </div>
      )}
      {asking !== null && (
        <Dialog title={t('sync.requeueTitle', { batch: batchLabel(asking.id) })} onClose={() => setAsking(null)} labelId="requeue-title">
          <p>{t(asking.future ? 'sync.requeueFutureConfirm' : 'sync.requeueConfirm', { batch: batchLabel(asking.id), count: asking.count })}</p>
          <div className="form-actions">
            <button type="button" className="button primary" onClick={() => void requeue(asking.id)}>
              {t('sync.requeue')}
            </button>
            <button type="button" className="button secondary" ref={cancelRequeue} onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
      <section aria-labelledby="sync-batches">
        <h2 id="sync-batches">{t('sync.batches')}</h2>
        <Pending state={batches}>
          {(list) =>
            list.items.length === 0 ? (
              <p>{t('sync.noBatches')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="sync-batches">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.batch')}</th>
                      <th scope="col">{t('col.created')}</th>
                      <th scope="col">{t('col.count')}</th>
                      <th scope="col">{t('col.alg')}</th>
                      <th scope="col">{t('col.state')}</th>
                      <th scope="col">{t('col.attempts')}</th>
                      <th scope="col">{t('col.nextTry')}</th>
                      <th scope="col">{t('col.error')}</th>
                      <th scope="col">{t('col.action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((b) => (
                      <tr key={b.id}>
                        <td>
                          <code>{batchLabel(b.id)}</code>
                        </td>
                        <td>{formatDateTime(b.createdAt)}</td>
                        <td className="number">{b.count}</td>
                        <td>{b.alg}</td>
                        <td data-batch-state={b.state}>{BATCH_STATES[b.state] !== undefined ? t(BATCH_STATES[b.state]!) : b.state}</td>
                        <td className="number">{b.attempts}</td>
                        <td>{formatDateTime(b.nextTryAt)}</td>
                        <td>{b.lastError === null ? '' : `${pick(b.lastError.message_vi, b.lastError.message_en)} (${b.lastError.code})`}</td>
                        <td>
                          {b.state === 'failed' && b.stillRefused === 0 && <span className="muted">{t('sync.requeuedAlready')}</span>}
                          {((b.state === 'failed' && (b.stillRefused ?? 0) > 0) || (b.state === 'signed' && b.lastError?.code === 'BATCH_CREATED_IN_FUTURE')) && (
                            <button
                              type="button"
                              className="button secondary"
                              disabled={requeueing !== null}
                              onClick={() => setAsking({ id: b.id, count: b.count, future: b.state === 'signed' })}
                              aria-label={t('sync.requeueLabel', { batch: batchLabel(b.id) })}
                            >
                              {t('sync.requeue')}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Pending>
      </section>
    </Screen>
  );
}

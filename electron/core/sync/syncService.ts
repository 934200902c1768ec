/**
 * The sync client as one object (DESIGN §6), shared by the RPC handlers, the CLI and the tests:
 * a run uploads the signed batches oldest first, then pulls the issued certificates; the status
 * says what is pending, when the platform was last reached, how far the PC clock is off and the
 * last error. Runs do not overlap: a second caller joins the run in progress.
 */
import { randomInt } from 'node:crypto';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { isStationError } from '../../../shared/errors.js';
import type { Reason } from '../batches/batchStore.js';
import { batchStore, type BatchStore } from '../batches/batchStore.js';
import type { Logger } from '../logger.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { batchApplier } from './applyBatchReply.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { CLOCK_WARN_SECONDS, clockSkewSeconds, clockWarning } from './clockSkew.js';
import { nodeHttpPort, type HttpPort } from './httpPort.js';
import { DEFAULT_LIMITS, platformClient, platformConfig, type ClientLimits, type PlatformClient } from './platformClient.js';
import { setAsideStore, type DismissedItem, type SetAsideItem } from './certificateSetAside.js';
import { pullCertificates, type PullResult } from './pullCertificates.js';
import { SyncFailure, syncCancelled } from './syncFailure.js';
import { SYNC_KEYS, syncState } from './syncState.js';
import { cachedTrust, fetchTrust, refreshTrust } from './trustCache.js';
import { batchAfter } from './sendAhead.js';
import { uploadBatches, type UploadPolicy } from './uploadBatches.js';
import { verifyIdentities, type IdentityResult } from './verifyIdentities.js';

export interface SyncOptions {
  /** The network (default node:http/https); tests put faults here. */
  http?: HttpPort;
  backoff?: BackoffPolicy;
  maxInRunWaitMs?: number;
  maxInRunRetries?: number;
  clockWarnSeconds?: number;
  /** Certificates per page (1–1000). */
  pageSize?: number;
  /** [0, 1) for the backoff jitter. */
  random?: () => number;
  limits?: ClientLimits;
}

export interface SyncStatus {
  platformUrl: string | null;
  lastContactAt: string | null;
  pendingBatches: number;
  nextTryAt: string | null;
  clockSkewSeconds: number | null;
  clockWarning: Reason | null;
  lastError: Reason | null;
  certificatesSetAside: { total: number; items: SetAsideItem[] };
  /** The ones a clerk dismissed, the latest first: where a dismissal is undone (session 27). */
  certificatesDismissed: { total: number; items: DismissedItem[] };
}

export interface SyncRunResult extends Omit<PullResult, 'certificates'> {
  uploadedBatches: number;
  failedBatches: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  certificates: number;
  /** The upload or pull stopped early on a failure that a later run may overcome (status.lastError says which). */
  deferred: boolean;
  status: SyncStatus;
}

export interface RunOptions {
  force?: boolean;
  signal?: AbortSignal;
  onProgress?(done: number, total: number | null, message: string): void;
}

export function syncService(store: StationStore, ports: StorePorts, logger: Logger, opts: SyncOptions = {}) {
  const batches: BatchStore = batchStore(store, ports);
  const applier = batchApplier({ store, batches, ports, logger });
  const state = syncState(store.db, ports.now);
  const facility = () => store.getSetting('facility.code');
  const nextBatch = batchAfter(store.db, facility);
  let http: HttpPort | null = opts.http ?? null;
  const random = opts.random ?? (() => randomInt(0, 2 ** 32) / 2 ** 32);
  const policy: UploadPolicy = {
    backoff: opts.backoff ?? DEFAULT_BACKOFF,
    maxInRunWaitMs: opts.maxInRunWaitMs ?? 15_000,
    maxInRunRetries: opts.maxInRunRetries ?? 4,
  };
  let running: Promise<SyncRunResult> | null = null;
  const setAside = setAsideStore(store.db);

  function onServerTime(serverTime: string, receivedAt: Date): void {
    const skew = clockSkewSeconds(serverTime, receivedAt);
    if (skew !== null) state.set(SYNC_KEYS.clockSkew, String(skew));
    state.set(SYNC_KEYS.lastContactAt, receivedAt.toISOString());
  }

  function client(signal?: AbortSignal): PlatformClient {
    const config = platformConfig(store.getSetting('platform.url'), store.getSetting('platform.key'));
    http ??= nodeHttpPort();
    return platformClient(config, http, { now: ports.now, limits: opts.limits ?? DEFAULT_LIMITS, onServerTime, ...(signal ? { signal } : {}) });
  }

  /** Records a failure that ends the run for the user to see; rethrows what the caller must see. */
  function remember(e: unknown): never {
    if (e instanceof SyncFailure) state.setLastError(e.reason());
    throw e;
  }

  function status(): SyncStatus {
    const pending = batches.pending();
    const skew = state.clockSkew();
    return {
      platformUrl: store.getSetting('platform.url'),
      lastContactAt: state.get(SYNC_KEYS.lastContactAt),
      pendingBatches: pending.count,
      nextTryAt: pending.nextTryAt,
      clockSkewSeconds: skew,
      clockWarning: clockWarning(skew, opts.clockWarnSeconds ?? CLOCK_WARN_SECONDS),
      lastError: state.lastError(),
      certificatesSetAside: { total: setAside.count(), items: setAside.list() },
      certificatesDismissed: { total: setAside.dismissedCount(), items: setAside.dismissedList() },
    };
  }

  async function runOnce(run: RunOptions): Promise<SyncRunResult> {
    let c: PlatformClient;
    try {
      c = client(run.signal);
    } catch (e) {
      remember(e);
    }
    // Best effort: the clock check must not stop a run whose uploads could still go through.
    await c.time().catch((e: unknown) => logger.log('info', 'sync: time check failed', { code: e instanceof SyncFailure ? e.code : 'UNKNOWN' }));
    const upload = await uploadBatches(
      { batches, applier, client: c, state, ports, random, policy, batchAfter: nextBatch, facility },
      { force: run.force ?? false, ...(run.signal ? { signal: run.signal } : {}), onProgress: (d, t) => run.onProgress?.(d, t, 'upload') },
    ).catch(remember);
    let pulled: PullResult = { certificates: 0, revoked: 0, ignored: 0, setAside: 0, recovered: 0 };
    let failure: SyncFailure | null = upload.stoppedBy;
    if (failure === null || failure.kind === 'refused' || failure.kind === 'bad-reply') {
      try {
        const trust = await refreshTrust(c, state, logger);
        const { stoppedBy, ...counts } = await pullCertificates(
          { store, client: c, state, ports, logger, trust, refreshTrust: () => fetchTrust(c, state) },
          { pageSize: opts.pageSize ?? 200, ...(run.signal ? { signal: run.signal } : {}), onPage: (n) => run.onProgress?.(n, null, 'certificates') },
        );
        pulled = counts;
        failure ??= stoppedBy;
      } catch (e) {
        if (run.signal?.aborted) {
          // What the upload did, and what the pull stored before it stopped.
          const { stoppedBy: _stopped, ...uploaded } = upload;
          throw syncCancelled({ ...uploaded, ...(isStationError(e) && e.code === 'SYNC_CANCELLED' ? (e.details as object) : {}) });
        }
        if (!(e instanceof SyncFailure) || e.kind === 'auth' || e.kind === 'config') remember(e);
        failure ??= e;
      }
    }
    state.setLastError(failure === null ? null : failure.reason());
    return {
      uploadedBatches: upload.uploadedBatches,
      failedBatches: upload.failedBatches,
      accepted: upload.accepted,
      rejected: upload.rejected,
      duplicates: upload.duplicates,
      ...pulled,
      deferred: failure !== null,
      status: status(),
    };
  }

  return {
    batches,
    status,

    /** One sync: uploads, then certificates. Throws SyncFailure for auth/config, SYNC_CANCELLED on cancel. */
    run(run: RunOptions = {}): Promise<SyncRunResult> {
      running ??= runOnce(run).finally(() => {
        running = null;
      });
      return running;
    },

    async verifyIdentity(params: { personIds?: readonly string[] }): Promise<IdentityResult> {
      let c: PlatformClient;
      try {
        c = client();
      } catch (e) {
        remember(e);
      }
      return verifyIdentities({ store, client: c, ports, logger }, params).catch(remember);
    },

    /** The cached DSC trust list (null before the first sync): verification works offline. */
    trust(): Promise<TrustEntry[] | null> {
      return cachedTrust(state, logger);
    },

    /** When the cached trust list was fetched (ISO), or null before the first sync. */
    trustRefreshedAt(): string | null {
      return state.updatedAt(SYNC_KEYS.trustList);
    },

    close(): void {
      if (opts.http === undefined) http?.close?.();
      http = null;
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;

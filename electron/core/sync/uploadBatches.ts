/**
 * Drains the signing outbox (DESIGN §6): signed batches go up strictly oldest first — a later
 * batch never overtakes a waiting one, because a correction must reach the platform after the
 * record it corrects. Each attempt and the time of the next one are stored on the batch
 * (batchStore.recordAttempt), so a restart resumes the schedule instead of hammering the
 * platform; a pending Retry-After is kept in sync_state, since it speaks for the whole platform.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchStore } from '../batches/batchStore.js';
import type { StorePorts } from '../store/ports.js';
import type { BatchApplier } from './applyBatchReply.js';
import { MAX_RETRY_AFTER_MS, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { batchInFutureReason } from './clockSkew.js';
import { certificateRefusal } from './certificateRefusal.js';
import type { PlatformClient } from './platformClient.js';
import { sendBatch, type Sending } from './sendAhead.js';
import { BATCH_REFUSALS, CLOCK_REFUSALS, SyncFailure, facilityChanged, retryAfterPending, sentBefore, syncCancelled } from './syncFailure.js';
import { SYNC_KEYS, type SyncState } from './syncState.js';

export interface UploadPolicy {
  backoff: BackoffPolicy;
  /** A run waits in place for a retry due within this; a longer wait ends the run. */
  maxInRunWaitMs: number;
  /** Transient failures a run retries in place before it stops. */
  maxInRunRetries: number;
}

export interface UploadOptions {
  /** A manual run ("sync now"): the oldest batch is tried now even if its backoff is not over; a pending Retry-After is still honoured. */
  force: boolean;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface UploadResult {
  uploadedBatches: number;
  failedBatches: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** The failure that ended the upload phase early (the batch keeps its schedule), if any. */
  stoppedBy: SyncFailure | null;
}

/** Later than any next-try time: `nextDue(FAR_FUTURE)` is the oldest signed batch, due or not. */
const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

async function pause(ms: number, signal: AbortSignal | undefined, result: UploadResult): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch {
    throw syncCancelled(countsOf(result));
  }
}

function countsOf(r: UploadResult) {
  return { uploadedBatches: r.uploadedBatches, failedBatches: r.failedBatches, accepted: r.accepted, rejected: r.rejected, duplicates: r.duplicates };
}

/** The platform's "dated in the future", told in the station's words: when it goes, and to fix the PC clock. */
function clockRefusal(e: SyncFailure, batch: { id: string; createdAt: string }, skewSeconds: number | null): SyncFailure {
  const reason = batchInFutureReason(batch, skewSeconds);
  return new SyncFailure(e.kind, e.code, reason.message_vi, reason.message_en, {
    details: { ...(e.details as object | undefined), createdAt: batch.createdAt, clockSkewSeconds: skewSeconds },
    retryAfterMs: e.retryAfterMs,
    status: e.status,
  });
}

export async function uploadBatches(
  deps: {
    batches: BatchStore; applier: BatchApplier; client: PlatformClient; state: SyncState; ports: StorePorts; random: () => number; policy: UploadPolicy;
    /** The next signed batch after this one if it is due (sendAhead.ts); absent: one batch at a time. */
    batchAfter?: (id: string, now: Date) => string | null;
    /** The facility code the station syncs as (setting facility.code); a batch signed under another is failed unsent. */
    facility?: () => string | null;
  },
  opts: UploadOptions,
): Promise<UploadResult> {
  const { batches, applier, client, state, ports, policy } = deps;
  // The batch sent while the previous answer was applied, if any.
  let ahead: Sending | null = null;
  // The next batch's upload body, built while the platform works on the current one.
  let built = null as { id: string; body: Uint8Array } | null;
  const bodyOf = (id: string) => (built?.id === id ? built.body : undefined);
  const result: UploadResult = { uploadedBatches: 0, failedBatches: 0, accepted: 0, rejected: 0, duplicates: 0, stoppedBy: null };
  const total = batches.pending().count;
  const attempted = new Set<string>();
  let retries = 0;
  opts.onProgress?.(0, total);
  // A Retry-After speaks for the server that sent it: after the platform URL is changed (a wrong
  // address, a proxy, a test server), the new one is asked without waiting for the old one's.
  if (state.get(SYNC_KEYS.retryAfterUntil) !== null && state.get(SYNC_KEYS.retryAfterFrom) !== client.url) {
    state.set(SYNC_KEYS.retryAfterUntil, null);
  }

  for (;;) {
    if (opts.signal?.aborted) throw syncCancelled(countsOf(result));
    const batch = batches.nextDue(FAR_FUTURE);
    if (!batch) break;
    const facility = deps.facility?.() ?? null;
    // A batch already sent ahead is the platform's to answer: failing it here, after a code change
    // another process confirmed meanwhile, could reject records the platform now holds.
    if (facility !== null && batch.facilityCode !== facility && ahead?.id !== batch.id) {
      // Certain to be refused, whatever the key: failed here in words that say why (syncFailure.ts).
      const { rejected } = applier.applyRefusal(batch.id, facilityChanged(batch, facility).reason());
      result.failedBatches += 1;
      result.rejected += rejected;
      opts.onProgress?.(result.uploadedBatches + result.failedBatches, total);
      continue;
    }
    const now = ports.now();
    const retryAfter = Date.parse(state.get(SYNC_KEYS.retryAfterUntil) ?? '');
    let waitMs = Number.isNaN(retryAfter) ? 0 : retryAfter - now.getTime();
    if (waitMs > MAX_RETRY_AFTER_MS) {
      // Further ahead than any Retry-After we honour: stored while the PC clock was ahead, since
      // corrected. As with a batch's next try below, the queue must not stop for the PC clock.
      state.set(SYNC_KEYS.retryAfterUntil, null);
      waitMs = 0;
    }
    const platformWaitMs = waitMs;
    if (batch.nextTryAt !== null && !(opts.force && !attempted.has(batch.id))) {
      const scheduled = Date.parse(batch.nextTryAt) - now.getTime();
      // Further ahead than any delay we ever set: the PC clock was turned back. Nothing in the
      // queue may depend on the PC clock being right, so the batch is due.
      waitMs = Math.max(waitMs, scheduled > Math.max(policy.backoff.capMs, MAX_RETRY_AFTER_MS) ? 0 : scheduled);
    }
    if (waitMs > 0) {
      if (waitMs > policy.maxInRunWaitMs) {
        // Stopped by the platform's own request, not by a failure of this run: said as such.
        if (result.stoppedBy === null && platformWaitMs === waitMs) result.stoppedBy = retryAfterPending(new Date(now.getTime() + waitMs).toISOString());
        break;
      }
      await pause(waitMs, opts.signal, result);
      continue;
    }

    attempted.add(batch.id);
    const sending = ahead?.id === batch.id ? ahead : sendBatch(client, batches, batch.id, bodyOf(batch.id));
    ahead = null;
    if (deps.batchAfter) {
      // Once this body has left, the station would only wait for the answer: build the next
      // batch's body meanwhile (reading and encoding it was most of the gap between uploads).
      await sending.sent;
      const following = deps.batchAfter(batch.id, ports.now());
      if (following !== null && built?.id !== following) built = { id: following, body: batches.uploadBody(following) };
    }
    const outcome = await sending.outcome;
    try {
      if ('error' in outcome) throw outcome.error;
      // The platform holds this batch (it commits before it answers): the next one may go now,
      // and the platform checks it while this answer is applied here.
      const next = opts.signal?.aborted ? null : deps.batchAfter?.(batch.id, ports.now());
      if (next) {
        attempted.add(next);
        ahead = sendBatch(client, batches, next, bodyOf(next));
        // Applying blocks this thread: let the body leave first.
        await ahead.sent;
      }
      const counts = applier.applyReply(batch.id, outcome.reply);
      state.set(SYNC_KEYS.retryAfterUntil, null);
      result.uploadedBatches += 1;
      result.accepted += counts.accepted;
      result.rejected += counts.rejected;
      result.duplicates += counts.duplicates;
      result.stoppedBy = null;
    } catch (caught) {
      // Cancelled with a request in flight: not an attempt (the platform may hold the batch;
      // sent again, it answers from its stored reply).
      if (opts.signal?.aborted) throw syncCancelled(countsOf(result));
      if (!(caught instanceof SyncFailure)) throw caught;
      // Said with what went up before it: the run ends here, and its counts would be lost with it.
      if (caught.kind === 'auth' || caught.kind === 'config') throw sentBefore(caught, countsOf(result));
      const e = CLOCK_REFUSALS.has(caught.code) ? clockRefusal(caught, batch, state.clockSkew()) : certificateRefusal(caught, batch);
      if (e.kind === 'refused' && BATCH_REFUSALS.has(e.code)) {
        const { rejected } = applier.applyRefusal(batch.id, e.reason());
        result.failedBatches += 1;
        result.rejected += rejected;
        opts.onProgress?.(result.uploadedBatches + result.failedBatches, total);
        continue;
      }
      const at = ports.now();
      const delay = retryDelayMs(batch.attempts + 1, deps.random, e.retryAfterMs, policy.backoff);
      batches.recordAttempt(batch.id, new Date(at.getTime() + delay), e.reason());
      if (e.retryAfterMs !== null) {
        state.set(SYNC_KEYS.retryAfterUntil, new Date(at.getTime() + e.retryAfterMs).toISOString());
        state.set(SYNC_KEYS.retryAfterFrom, client.url);
      }
      result.stoppedBy = e;
      // A refusal that is not the batch's fault will not go away by itself within a run; nor will
      // a batch dated in the platform's future (minutes at least: the platform's tolerance).
      // Nor will a platform that let a whole request deadline pass: retried in place, a stalled
      // platform would hold the run (and the person who pressed "sync now") for minutes.
      if (e.kind === 'refused' || CLOCK_REFUSALS.has(e.code) || e.code === 'PLATFORM_TIMEOUT' || retries >= policy.maxInRunRetries || delay > policy.maxInRunWaitMs) break;
      retries += 1;
      continue;
    }
    opts.onProgress?.(result.uploadedBatches + result.failedBatches, total);
  }
  return result;
}

/**
 * `PUT /v1/batches/{batchId}` end to end. Uploads run one at a time (the platform is the single
 * writer): decide, sign the new certificates, then commit everything in ONE transaction before
 * the reply exists. The reply text is stored with the batch, and a repeated upload of the same
 * batch (same id, same Merkle root) gets exactly those bytes back — whatever the clock or the
 * certificates say by then — which is what makes the station's retries after a lost reply safe.
 */
import { equalBytes } from '../../../shared/crypto/bytes.js';
import type { BatchReply } from '../../../shared/platform/api.js';
import type { Certificate } from '../../../shared/x509/x509.js';
import type { Dsc } from '../issuance/dscKeys.js';
import { planIssuance } from '../issuance/planIssuance.js';
import { PlatformFailure } from '../platformFailure.js';
import type { PlatformStore } from '../platformStore.js';
import { decideRecords } from './decideRecords.js';
import { decodeUpload, verifyUpload } from './verifyUpload.js';

export interface Facility {
  code: string;
  apiKey: string;
  taxCode: string;
}

export interface BatchServiceOptions {
  store: PlatformStore;
  anchors: () => readonly Certificate[];
  dsc: () => Dsc;
  clock: () => Date;
  certGraceMs: number;
  maxSkewMs: number;
}

export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Vaccination dates are Vietnamese calendar dates: "today" is the date in UTC+7. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export class BatchService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: BatchServiceOptions) {}

  /** Resolves when no upload is in progress (close the store only then). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** The reply body (JSON text) for an upload; throws PlatformFailure for a refused batch. */
  upload(facility: Facility, batchId: string, body: Uint8Array): Promise<string> {
    if (!BATCH_ID_PATTERN.test(batchId)) return Promise.reject(new PlatformFailure('BATCH_ID_INVALID', { batchId }));
    const run = this.queue.then(() => this.process(facility, batchId, body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(facility: Facility, batchId: string, body: Uint8Array): Promise<string> {
    const { store, clock } = this.opts;
    const upload = decodeUpload(body, batchId);
    const stored = store.getBatch(batchId);
    if (stored) {
      if (stored.facility === facility.code && equalBytes(stored.root, upload.manifest.root)) return stored.reply;
      throw new PlatformFailure('BATCH_ID_REUSED', { batchId });
    }
    const now = clock();
    const { items } = await verifyUpload(upload, {
      facilityCode: facility.code,
      taxCode: facility.taxCode,
      anchors: this.opts.anchors(),
      now,
      graceMs: this.opts.certGraceMs,
      maxSkewMs: this.opts.maxSkewMs,
    });
    const receivedAt = now.toISOString();
    const decisions = decideRecords(store, facility.code, batchId, items, vietnamToday(now), receivedAt);
    const issuance = await planIssuance(store, decisions, this.opts.dsc(), now);
    const reply: BatchReply = { batch: batchId, results: decisions.results, serverTime: receivedAt };
    const text = JSON.stringify(reply);
    store.commitBatch({
      batch: {
        id: batchId,
        facility: facility.code,
        root: upload.manifest.root,
        manifest: upload.manifestBytes,
        created: upload.manifest.created,
        receivedAt,
        reply: text,
      },
      accepted: decisions.accepted,
      superseded: decisions.superseded,
      revoked: issuance.revoked,
      issued: issuance.issued,
    });
    return text;
  }
}

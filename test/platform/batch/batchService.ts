/**
 * `PUT /v1/batches/{batchId}` end to end. Uploads run one at a time (the platform is the single
 * writer, serialQueue.ts): decide, then commit the records, supersessions, revocations and the
 * people to issue for in ONE transaction before the reply exists. The certificates are signed
 * from that queue (issuance/issuer.ts): before the reply (`inline`) or after it (`background`). The reply text is stored with the batch, and a repeated upload of the same
 * batch (same id, same Merkle root) gets exactly those bytes back — whatever the clock or the
 * certificates say by then — which is what makes the station's retries after a lost reply safe.
 */
import { equalBytes } from '../../../shared/crypto/bytes.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import type { BatchReply } from '../../../shared/platform/api.js';
import type { Certificate } from '../../../shared/x509/x509.js';
import type { IssuanceMode, Issuer } from '../issuance/issuer.js';
import { uploadEffects } from '../issuance/planIssuance.js';
import { PlatformFailure } from '../platformFailure.js';
import type { PlatformStore } from '../platformStore.js';
import type { SerialQueue } from '../serialQueue.js';
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
  queue: SerialQueue;
  issuer: Issuer;
  issuance: IssuanceMode;
  clock: () => Date;
  certGraceMs: number;
  maxSkewMs: number;
  onIssuanceError?: (error: unknown) => void;
  /** After an upload committed (the WAL checkpoint waits for a quiet moment: quietCheckpoint.ts). */
  onCommitted?: () => void;
}

export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class BatchService {
  constructor(private readonly opts: BatchServiceOptions) {}

  /** The reply body (JSON text) for an upload; throws PlatformFailure for a refused batch. */
  async upload(facility: Facility, batchId: string, body: Uint8Array): Promise<string> {
    if (!BATCH_ID_PATTERN.test(batchId)) throw new PlatformFailure('BATCH_ID_INVALID', { batchId });
    const { text, committed } = await this.opts.queue.run(() => this.process(facility, batchId, body));
    if (committed) this.opts.onCommitted?.();
    if (committed && this.opts.issuance === 'background') this.opts.issuer.kick();
    return text;
  }

  private async process(facility: Facility, batchId: string, body: Uint8Array): Promise<{ text: string; committed: boolean }> {
    const { store, clock } = this.opts;
    const upload = decodeUpload(body, batchId);
    const stored = store.getBatch(batchId);
    if (stored) {
      if (stored.facility === facility.code && equalBytes(stored.root, upload.manifest.root)) return { text: stored.reply, committed: false };
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
    const decisions = decideRecords(store, facility.code, batchId, items, vietnamDay(now), receivedAt);
    const effects = uploadEffects(store, decisions, now);
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
      revoked: effects.revoked,
      issuance: effects.persons,
    });
    if (this.opts.issuance === 'inline') await this.issueInline();
    return { text, committed: true };
  }

  /**
   * The reply waits for the certificates. The batch is already committed, so a signing failure
   * must not refuse it: it is reported, and the queue keeps the people for the next upload.
   */
  private async issueInline(): Promise<void> {
    try {
      while ((await this.opts.issuer.issueChunk()) > 0);
    } catch (e) {
      this.opts.onIssuanceError?.(e);
    }
  }
}

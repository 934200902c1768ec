/**
 * Step 3 of DESIGN §1 off the upload path. A national platform answers an upload once it holds
 * the records, and signs the certificates afterwards; the station pulls them by cursor when they
 * are there. An upload queues the people it touched (in its own transaction: platformStore's
 * `issuance_queue`); the issuer takes them a chunk at a time, decides from what the platform then
 * holds, signs, and commits the certificates and the queue's progress in one transaction.
 *
 * `inline` (the default, for tests and tools that read the feed right after one upload) drains
 * the queue before the upload's reply is sent; `background` drains it after the reply, one
 * chunk at a time on the simulator's serial queue while no request is being served, so a
 * request waits for one chunk at most.
 * Both take the same path; `drain()` (POST /v1/_sim/issue-now) finishes the queue on demand, and
 * is the only way in `manual` (a test of certificates that come later than the answer).
 */
import type { PlatformStore } from '../platformStore.js';
import type { SerialQueue } from '../serialQueue.js';
import type { Dsc } from './dscKeys.js';
import { PlatformFailure } from '../platformFailure.js';
import { issuanceJobs, reissueJob, signJobs } from './planIssuance.js';

export type IssuanceMode = 'inline' | 'background' | 'manual';

/** People per chunk: about 30 ms of signing, the longest a request waits behind issuance. */
const CHUNK = 32;

export interface IssuerOptions {
  store: PlatformStore;
  queue: SerialQueue;
  dsc: () => Dsc;
  clock: () => Date;
  /**
   * Resolves when no request is being served. Background issuance runs in the gaps: a chunk is
   * CPU on the simulator's one thread, and between the reads of a large upload body it would
   * stretch every upload by the chunks run in between.
   */
  whenIdle?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

export class Issuer {
  private running = false;
  /** A kick while the loop runs: look at the queue once more before stopping. */
  private kicked = false;
  private closed = false;

  constructor(private readonly opts: IssuerOptions) {}

  /**
   * One chunk of the queue: issues what it needs and dequeues it. Returns how many people it
   * took (0: the queue is empty). The caller holds the serial queue.
   */
  async issueChunk(): Promise<number> {
    const { store } = this.opts;
    const persons = store.queuedForIssuance(CHUNK);
    if (persons.length === 0) return 0;
    const issued = await signJobs(issuanceJobs(store, persons), this.opts.dsc(), this.opts.clock());
    // Closing while signing: the queue keeps these people, the next start issues for them.
    if (this.closed) return 0;
    store.commitIssuance(issued, persons);
    return persons.length;
  }

  /** One chunk on the serial queue (none once closed). */
  private queuedChunk(): Promise<number> {
    return this.opts.queue.run(() => (this.closed ? 0 : this.issueChunk()));
  }

  /** Everything queued, now (each chunk on the serial queue). Returns the people taken. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.queuedChunk();
      if (n === 0) return total;
      total += n;
    }
  }

  /**
   * Reissues the certificate of `recordId` (POST /v1/_sim/reissue): a new UVCI for the same dose,
   * signed by the active DSC, at the end of the feed; with `revokeOld`, its earlier valid
   * certificates revoked after it. On the serial queue, like issuance and uploads.
   */
  reissue(recordId: string, revokeOld: boolean): Promise<{ recordId: string; uvci: string; issuedAt: string; revoked: string[] }> {
    return this.opts.queue.run(async () => {
      const { store } = this.opts;
      const job = reissueJob(store, recordId);
      if (job === null) throw new PlatformFailure('REISSUE_RECORD_UNKNOWN', { recordId });
      const active = store.activeCertificatesOf(recordId);
      if (active.length === 0) throw new PlatformFailure('REISSUE_NO_CERTIFICATE', { recordId });
      const now = this.opts.clock();
      const [issued] = await signJobs([job], this.opts.dsc(), now);
      const revoke = revokeOld ? active : [];
      store.commitReissue(issued!, revoke.map((c) => c.id), now.toISOString());
      return { recordId, uvci: issued!.uvci, issuedAt: issued!.issuedAt, revoked: revoke.map((c) => c.uvci) };
    });
  }

  /** Starts draining in the background unless it already is. */
  kick(): void {
    this.kicked = true;
    if (this.running || this.closed) return;
    this.running = true;
    const loop = async (): Promise<void> => {
      try {
        while (this.kicked && !this.closed) {
          this.kicked = false;
          for (;;) {
            // Let waiting I/O in between chunks, and wait for the requests being served.
            await new Promise((resolve) => setImmediate(resolve));
            await this.opts.whenIdle?.();
            if (this.closed || (await this.queuedChunk()) === 0) break;
          }
        }
      } catch (e) {
        // The queue keeps the people; the next upload or restart tries again.
        this.opts.onError?.(e);
      } finally {
        this.running = false;
      }
    };
    void loop();
  }

  /** No new chunk starts; the one running (on the serial queue) finishes before the store closes. */
  close(): void {
    this.closed = true;
  }
}

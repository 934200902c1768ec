/**
 * Pulls the issued certificates back by cursor (DESIGN §6): `GET /v1/certificates?after=&limit=`
 * page after page until a page shorter than asked (or empty), or one past the moment the pull
 * began. Each HC1 is verified against the platform's trust list, and must be about the record it
 * comes under (its dose's date, its person's date of birth), before it is stored; each page's certificates, the record transitions (accepted → issued) and
 * the cursor are written in one transaction, so a crash repeats at most one page (the writes are
 * upserts). The cursor rule of the platform: `next` is null only on an empty page — the station
 * keeps the last non-null cursor and asks again from it next time.
 *
 * A certificate that does not verify is never skipped: the cursor cannot move past it without
 * losing it for good. The trust list is fetched again once (the platform may have added a DSC
 * since the list this run holds, perhaps a stale cached one) and the certificate re-verified; if
 * it still fails, the certificates before it are stored, the cursor stays before its page, and
 * the pull stops with CERTIFICATE_UNVERIFIED for the user to see. The next run starts there.
 *
 * A revocation is not a certificate to keep, and must not wait on today's trust list (probe 17,
 * F2): once the platform retires a DSC, the notice that a certificate it signed is revoked
 * carries that old signature, and waiting for it would hold the feed back for good, the
 * correction's new certificate behind it. A notice about a certificate held here (same record,
 * UVCI and HC1: it was verified when it was stored), or that certificate sent again, is taken as
 * held; a revocation of a certificate never held that does not verify is logged and passed over
 * (there is nothing here to revoke, and storing an unverified HC1 is what the rule above forbids).
 */
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { decodeHc1Report, verifyHc1 } from '../../../shared/dcc/verify.js';
import type { IssuedCertificate } from '../../../shared/platform/api.js';
import { appendAudit } from '../audit/auditLog.js';
import { batchStore } from '../batches/batchStore.js';
import type { Logger } from '../logger.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { uvciOf } from './certificateRevocation.js';
import type { PlatformClient } from './platformClient.js';
import { SyncFailure, badReply, certificateUnverified, syncCancelled } from './syncFailure.js';
import { SYNC_KEYS, type SyncState } from './syncState.js';

export interface PullResult {
  /** Certificates stored or updated. */
  certificates: number;
  revoked: number;
  /** For records this station does not have, and revocations of certificates never held that do not verify: ignored (logged). */
  ignored: number;
  /** HC1 that did not verify against the trust list: not stored; the pull stopped there (logged). */
  invalid: number;
}

export interface PullOutcome extends PullResult {
  /** CERTIFICATE_UNVERIFIED when the pull stopped before a certificate that does not verify; PLATFORM_REPLY_INVALID on a page that only repeats. */
  stoppedBy: SyncFailure | null;
}

/** Guard against a platform whose cursor never moves: far more pages than any feed needs per run. */
const MAX_PAGES_PER_RUN = 10_000;

/** What a verified HC1 says: its payload, and its issue and expiry times (signed, unlike the feed's own fields). */
interface Verified {
  payload: unknown;
  issuedAt: string;
  expiresAt: string;
}

/** An HC1 that verifies with a trusted DSC as of its issue time and carries the UVCI the feed says; else null. */
async function verifiedPayload(c: IssuedCertificate, trust: readonly TrustEntry[]): Promise<Verified | null> {
  const issued = Date.parse(c.issuedAt);
  const report = await verifyHc1(c.hc1, { trust, at: Number.isNaN(issued) ? new Date() : new Date(issued) });
  // A valid report has both times (the expiry step requires them).
  if (!report.valid || uvciOf(report.payload) !== c.uvci || report.claims?.iat == null || report.claims.exp == null) return null;
  return { payload: report.payload, issuedAt: new Date(report.claims.iat * 1000).toISOString(), expiresAt: new Date(report.claims.exp * 1000).toISOString() };
}

type RecordFacts = { state: string; dt: string; dob: string };

/**
 * Whether a verified certificate is about the record it is delivered under: the dose's date and
 * the person's date of birth as the station sent them. A platform that files a genuine certificate
 * under another record (another person's QR on this record) is caught here.
 */
function aboutRecord(payload: unknown, record: RecordFacts): boolean {
  const p = payload as { dob?: unknown; v?: { dt?: unknown }[] } | null;
  const v = Array.isArray(p?.v) ? p.v[0] : undefined;
  return p?.dob === record.dob && v?.dt === record.dt;
}

function feedRepeats(count: number): SyncFailure {
  return badReply(
    { vi: 'trang chứng nhận chỉ lặp lại các chứng nhận đã nhận trong lần đồng bộ này', en: 'the certificates page only repeats certificates already received in this sync' },
    { count },
  );
}

export function certificateWriter(store: StationStore, ports: StorePorts) {
  const db = store.db;
  const batches = batchStore(store, ports);
  /**
   * The record as its batch signed it, when its person was corrected since: the platform issued
   * the certificate from what was signed, and a correction on another dose may have changed the
   * person's details here before this certificate arrived (probe 16b).
   */
  const aboutSignedRecord = (recordId: string, payload: unknown, record: RecordFacts): boolean => {
    const signed = batches.signedRecord(recordId);
    return signed !== null && aboutRecord(payload, { ...record, dob: signed.person.dob, dt: signed.date });
  };
  const recordFacts = db.prepare('SELECT d.state, d.vaccination_date AS dt, p.dob FROM dose_records d JOIN people p ON p.id = d.person_id WHERE d.id = ?');
  const uvciOwner = db.prepare('SELECT record_id AS id, revoked_at AS revokedAt FROM certificates WHERE uvci = ?');
  const upsert = db.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at, revoked_at)
    VALUES (@recordId, @uvci, @hc1, @issuedAt, @expiresAt, @receivedAt, @revokedAt)
    ON CONFLICT (record_id) DO UPDATE SET uvci = excluded.uvci, hc1 = excluded.hc1, issued_at = excluded.issued_at,
      expires_at = excluded.expires_at, received_at = excluded.received_at, revoked_at = excluded.revoked_at`);

  /** One page, inside the caller's transaction, with each certificate's verified payload. Returns what happened to each. */
  return function storePage(page: readonly IssuedCertificate[], verifiedOf: (c: IssuedCertificate) => Verified): { stored: number; revoked: number; ignored: string[]; conflicts: string[]; mismatched: string[] } {
    const out = { stored: 0, revoked: 0, ignored: [] as string[], conflicts: [] as string[], mismatched: [] as string[] };
    const toIssue: { id: string; details: Record<string, string> }[] = [];
    const now = ports.now().toISOString();
    for (const c of page) {
      const record = recordFacts.get(c.recordId) as RecordFacts | undefined;
      if (record === undefined) {
        out.ignored.push(c.recordId);
        continue;
      }
      const { state } = record;
      const verified = verifiedOf(c);
      if (!aboutRecord(verified.payload, record) && !aboutSignedRecord(c.recordId, verified.payload, record)) {
        out.mismatched.push(c.recordId);
        continue;
      }
      const owner = uvciOwner.get(c.uvci) as { id: string; revokedAt: string | null } | undefined;
      if (owner && owner.id !== c.recordId) {
        out.conflicts.push(c.recordId);
        continue;
      }
      const revokedAt = c.revokedAt ?? null;
      // The times shown and printed are the HC1's own (signed), not the feed's fields beside it.
      upsert.run({ recordId: c.recordId, uvci: c.uvci, hc1: c.hc1, issuedAt: verified.issuedAt, expiresAt: verified.expiresAt, receivedAt: now, revokedAt });
      out.stored += 1;
      if (revokedAt !== null) {
        out.revoked += 1;
        if (owner?.revokedAt !== revokedAt) {
          appendAudit(db, ports.actor, now, { action: 'certificate.revoked', entity: 'record', entityId: c.recordId, details: { uvci: c.uvci, revokedAt } });
        }
      } else if (state === 'accepted') {
        toIssue.push({ id: c.recordId, details: { uvci: c.uvci } });
      }
      // Records not yet accepted here (the batch's reply is still to be applied) keep the
      // certificate; applying the reply issues them (applyBatchReply.ts).
    }
    if (toIssue.length > 0) store.setRecordsState(toIssue, 'accepted', 'issued');
    return out;
  };
}

export async function pullCertificates(
  deps: {
    store: StationStore; client: PlatformClient; state: SyncState; ports: StorePorts; logger: Logger; trust: readonly TrustEntry[];
    /** A fresh list from the platform (throws when it cannot be fetched); asked at most once per pull. */
    refreshTrust?: () => Promise<readonly TrustEntry[]>;
  },
  opts: { pageSize: number; signal?: AbortSignal; onPage?(certificates: number): void },
): Promise<PullOutcome> {
  const { store, client, state, logger } = deps;
  let trust = deps.trust;
  // Whether the one fresh fetch of the trust list happened (null: not tried yet).
  const fetched: { ok: boolean | null } = { ok: null };
  const storePage = certificateWriter(store, deps.ports);
  const heldCopy = store.db.prepare('SELECT record_id AS recordId, hc1, issued_at AS issuedAt, expires_at AS expiresAt FROM certificates WHERE uvci = ?');
  /** The very certificate held here (same record, UVCI and HC1; verified when stored): its payload and times as held; else null. */
  async function heldSame(c: IssuedCertificate): Promise<Verified | null> {
    const held = heldCopy.get(c.uvci) as { recordId: string; hc1: string; issuedAt: string; expiresAt: string } | undefined;
    if (held === undefined || held.recordId !== c.recordId || held.hc1 !== c.hc1) return null;
    return { payload: (await decodeHc1Report(c.hc1)).payload, issuedAt: held.issuedAt, expiresAt: held.expiresAt };
  }
  const result: PullOutcome = { certificates: 0, revoked: 0, ignored: 0, invalid: 0, stoppedBy: null };

  const payloads = new Map<IssuedCertificate, Verified | null>();
  async function verifies(c: IssuedCertificate): Promise<boolean> {
    if (payloads.get(c) != null) return true;
    // Checked against the run's list already: fetch a fresh list once, and check again with it.
    if (fetched.ok === null && deps.refreshTrust) {
      try {
        trust = await deps.refreshTrust();
        fetched.ok = true;
      } catch (e) {
        if (opts.signal?.aborted) throw syncCancelled(result);
        if (e instanceof SyncFailure && (e.kind === 'auth' || e.kind === 'config')) throw e;
        fetched.ok = false;
        logger.log('warn', 'sync: trust list could not be fetched again', { code: e instanceof SyncFailure ? e.code : 'UNKNOWN' });
      }
    }
    if (fetched.ok !== true) return false;
    payloads.set(c, await verifiedPayload(c, trust));
    return payloads.get(c) != null;
  }

  let horizon: number | null = null;
  let restarted = false;
  // What this run was given already (a revocation comes again, revoked): a page of nothing else
  // is a feed going round in circles, however new its cursors look.
  const given = new Set<string>();
  const keyOf = (c: IssuedCertificate) => `${c.uvci}\u0000${c.revokedAt ?? ''}`;
  for (let pages = 0; ; pages++) {
    if (pages === MAX_PAGES_PER_RUN) {
      logger.log('warn', 'sync: page limit of one run reached; the next run goes on from here', { pages });
      break;
    }
    if (opts.signal?.aborted) throw syncCancelled(result);
    const cursor = state.get(SYNC_KEYS.cursor);
    let page: Awaited<ReturnType<PlatformClient['certificates']>>;
    try {
      page = await client.certificates(cursor, opts.pageSize);
    } catch (e) {
      if (opts.signal?.aborted) throw syncCancelled(result);
      // A cursor the platform no longer knows (its feed rebuilt, or one a broken reply left):
      // kept, it would stop every pull for good. The feed is read again from its start, once per
      // run; storing is an upsert, so what is read again is only read again.
      if (!(e instanceof SyncFailure) || e.code !== 'CURSOR_INVALID' || cursor === null || restarted) throw e;
      logger.log('warn', 'sync: the platform refused the stored certificate cursor; reading the feed from its start', {});
      state.set(SYNC_KEYS.cursor, null);
      restarted = true;
      horizon = null;
      given.clear();
      continue;
    }
    if (page.certificates.length === 0) break;
    // Only a full page: a short one ends the feed anyway, and one repeating the last certificate
    // (a platform whose `after` includes the cursor's own) is no loop.
    if (page.certificates.length >= opts.pageSize && page.certificates.every((c) => given.has(keyOf(c)))) {
      // Stored already; the cursor stays where the last new certificate was.
      result.stoppedBy = feedRepeats(page.certificates.length);
      logger.log('warn', 'sync: certificates page repeats what this run was given; stopping the pull', { cursor });
      break;
    }
    for (const c of page.certificates) given.add(keyOf(c));
    // The signature checks of a page run together (WebCrypto works off the main thread); the
    // page is then walked in order, so a failing one is retried with a fresh list, as one by one.
    // The first goes alone: verifyHc1 imports each DSC key once per trust entry, and a thousand
    // checks started together would each import it before the first import is cached.
    const [head, ...rest] = page.certificates;
    const first = [await verifiedPayload(head!, trust), ...(await Promise.all(rest.map((c) => verifiedPayload(c, trust))))];
    page.certificates.forEach((c, i) => payloads.set(c, first[i] ?? null));
    const valid: IssuedCertificate[] = [];
    const passedOver: IssuedCertificate[] = [];
    let unverified: IssuedCertificate | null = null;
    for (const c of page.certificates) {
      // A certificate held here as it is sent (a revocation of it, or the feed read again from
      // its start after the platform refused the cursor) that does not verify with the list in
      // hand: taken as held, without asking for a fresh list (its signer may have left every list
      // for good; review of session 17: an unrevoked one stopped the pull as a revocation had).
      const held = payloads.get(c) == null ? await heldSame(c) : null;
      if (held !== null) {
        payloads.set(c, held);
        logger.log('info', 'sync: a certificate held here, sent again, taken as held; its signature is not checked again', { recordId: c.recordId, uvci: c.uvci, revoked: c.revokedAt != null });
      } else if (!(await verifies(c))) {
        if (c.revokedAt == null) {
          unverified = c;
          break;
        }
        passedOver.push(c);
        continue;
      }
      valid.push(c);
    }
    for (const c of passedOver) {
      logger.log('warn', 'sync: revocation of a certificate not held here as sent does not verify; not stored, the pull goes on', { recordId: c.recordId, uvci: c.uvci });
    }
    const moved = unverified === null && page.next !== null && page.next !== cursor;
    const done = store.db.transaction(() => {
      const r = storePage(valid, (c) => payloads.get(c)!);
      if (moved) state.set(SYNC_KEYS.cursor, page.next);
      return r;
    }).immediate();
    for (const id of done.ignored) logger.log('info', 'sync: certificate for a record this station does not have; ignored', { recordId: id });
    for (const id of done.conflicts) logger.log('warn', 'sync: certificate id already held for another record; not stored', { recordId: id });
    for (const id of done.mismatched) logger.log('warn', 'sync: certificate about another dose or person than its record; not stored', { recordId: id });
    payloads.clear();
    result.certificates += done.stored;
    result.revoked += done.revoked;
    result.ignored += done.ignored.length + done.conflicts.length + done.mismatched.length + passedOver.length;
    opts.onPage?.(result.certificates);
    if (unverified !== null) {
      result.invalid += 1;
      result.stoppedBy = certificateUnverified(unverified, fetched.ok === true);
      logger.log('warn', 'sync: certificate does not verify against the trust list; not stored, the pull stops before it', {
        recordId: unverified.recordId, uvci: unverified.uvci, trustRefreshed: fetched.ok === true,
      });
      break;
    }
    // A non-empty page without a new cursor breaks the feed's contract: stop instead of looping.
    if (!moved) {
      logger.log('warn', 'sync: certificate page without a new cursor; stopping the pull', {});
      break;
    }
    // One run reads the feed as it stood when the pull began: the platform issues after its
    // answers, and chasing it would hold the run open for as long as issuance lasts. A short page
    // is the end of the feed; a page reaching certificates issued after the first page's
    // serverTime (both the platform's clock) has passed that moment. The cursor is kept; the next
    // run asks from it.
    horizon ??= Date.parse(page.serverTime);
    if (page.certificates.length < opts.pageSize || page.certificates.some((c) => Date.parse(c.issuedAt) > horizon!)) break;
  }
  return result;
}

/**
 * Pulls the issued certificates back by cursor (DESIGN §6): `GET /v1/certificates?after=&limit=`
 * page after page until an empty one (a page shorter than asked is no end: a platform may cap its
 * pages), or one past the moment the pull began. Each entry is read on its own (API v1's entry schema), its HC1 verified against the
 * platform's trust list, and must be about the record it comes under (its dose's date, its
 * person's date of birth), before it is stored; each page's certificates, the record transitions
 * (accepted → issued), the entries set aside and the cursor are written in one transaction, so a
 * crash repeats at most one page (the writes are upserts). The cursor rule of the platform: `next`
 * is null only on an empty page — the station keeps the last non-null cursor and asks again from
 * it next time.
 *
 * An entry that fails a check is set aside with its reason (certificateSetAside.ts), never stored
 * as a passport, and the pull goes on (session 26: before, the first one stopped the pull, and
 * every later certificate of the facility waited behind it). It is not forgotten: the cursor its
 * page was asked with is kept with it, and every later pull asks that page again and checks the
 * platform's current entry for the record (or the copy held, when the page is gone); it is
 * dropped once a verified certificate of its record is stored. Before anything is set aside for
 * its signature, the trust list is fetched again once (the platform may have added a DSC since
 * the list this run holds, perhaps a stale cached one) and the certificate checked again.
 *
 * A revocation is not a certificate to keep, and must not wait on today's trust list (probe 17,
 * F2): once the platform retires a DSC, the notice that a certificate it signed is revoked
 * carries that old signature. A notice about a certificate held here (same record, UVCI and HC1:
 * it was verified when it was stored; or one a reissue replaced here, its HC1 kept since migration
 * 0016; one replaced before 0016, matched on its record, UVCI and signed issue time), or that
 * certificate sent again, is taken as held; a
 * revocation of a certificate never held that fails a check is logged and passed over (there is
 * nothing here to revoke, and nothing of it can be a passport).
 */
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { hc1Readings } from '../../../shared/dcc/pastedHc1.js';
import { decodeHc1Report, verifyHc1 } from '../../../shared/dcc/verify.js';
import { IssuedCertificateSchema, type IssuedCertificate } from '../../../shared/platform/api.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Reason } from '../batches/batchStore.js';
import { batchStore } from '../batches/batchStore.js';
import type { Logger } from '../logger.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { uvciOf } from './certificateRevocation.js';
import { setAsideStore, type FeedPlace } from './certificateSetAside.js';
import type { PlatformClient } from './platformClient.js';
import { entryInvalid, hc1NotBare, otherRecord, recordUnknown, unverified, uvciConflict, uvciMismatch } from './setAsideReasons.js';
import { SyncFailure, badReply, syncCancelled } from './syncFailure.js';
import { SYNC_KEYS, type SyncState } from './syncState.js';

export interface PullResult {
  /** Certificates stored or updated. */
  certificates: number;
  /** Revocations applied at this pull: of a record's certificate, or of one a reissue replaced here. */
  revoked: number;
  /** Revocations of certificates not held (never, or replaced by a reissue) that fail a check or would displace the record's certificate: passed over (logged). */
  ignored: number;
  /** Entries of the feed set aside at this pull (each with its reason in sync.status), not stored. */
  setAside: number;
  /** Certificates set aside at an earlier pull and stored at this one. */
  recovered: number;
}

export interface PullOutcome extends PullResult {
  /** PLATFORM_REPLY_INVALID on a page that only repeats, one without a new cursor, or empty pages without end; null when the pull read the feed to its end or its horizon. */
  stoppedBy: SyncFailure | null;
}

/** Guard against a platform whose cursor never moves: far more pages than any feed needs per run. */
const MAX_PAGES_PER_RUN = 10_000;
/** Set-aside entries tried again per pull, and pages asked again for them: a bound on what a feed of bad entries costs each run. */
const RETRY_ENTRIES = 500;
const RETRY_PAGES = 20;
/** Empty pages that name a next cursor, one after another, before the feed is taken as broken. */
const MAX_EMPTY_PAGES = 100;

/** An HC1 as a QR code holds it: the prefix and Base45's own characters (RFC 9285 §4), nothing else. */
const BARE_HC1 = /^HC1:[0-9A-Z $%*+\-./:]+$/;

/** What a verified HC1 says: its payload, and its issue and expiry times (signed, unlike the feed's own fields). */
interface Verified {
  payload: unknown;
  issuedAt: string;
  expiresAt: string;
}

/** Why an HC1 failed; `trustRefreshed` is known only once the fresh list was tried. */
type Failed = { failed: (trustRefreshed: boolean) => Reason };

/** An HC1 that verifies with a trusted DSC as of its issue time and carries the UVCI the feed says; else why not. */
async function checkedHc1(c: IssuedCertificate, trust: readonly TrustEntry[]): Promise<Verified | Failed> {
  const issued = Date.parse(c.issuedAt);
  const report = await verifyHc1(c.hc1, { trust, at: Number.isNaN(issued) ? new Date() : new Date(issued) });
  // A valid report has both times (the expiry step requires them).
  if (!report.valid || report.claims?.iat == null || report.claims.exp == null) {
    const e = report.errors[0];
    return { failed: (t) => unverified(c, e ? { message_vi: e.message_vi, message_en: e.message_en } : null, t) };
  }
  const signed = uvciOf(report.payload);
  if (signed !== c.uvci) return { failed: () => uvciMismatch(c, signed ?? '—') };
  return { payload: report.payload, issuedAt: new Date(report.claims.iat * 1000).toISOString(), expiresAt: new Date(report.claims.exp * 1000).toISOString() };
}

const isFailed = (v: Verified | Failed | undefined): v is Failed => v !== undefined && 'failed' in v;

type RecordFacts = { state: string; dt: string; dob: string };

function aboutOf(payload: unknown): { dob: string; dt: string } {
  const p = payload as { dob?: unknown; v?: { dt?: unknown }[] } | null;
  const v = Array.isArray(p?.v) ? p.v[0] : undefined;
  return { dob: typeof p?.dob === 'string' ? p.dob : '—', dt: typeof v?.dt === 'string' ? v.dt : '—' };
}

/**
 * Whether a verified certificate is about the record it is delivered under: the dose's date and
 * the person's date of birth as the station sent them. A platform that files a genuine certificate
 * under another record (another person's QR on this record) is caught here.
 */
function aboutRecord(payload: unknown, record: RecordFacts): boolean {
  const about = aboutOf(payload);
  return about.dob === record.dob && about.dt === record.dt;
}

function feedRepeats(count: number): SyncFailure {
  return badReply(
    { vi: 'trang chứng nhận chỉ lặp lại các chứng nhận đã nhận trong lần đồng bộ này', en: 'the certificates page only repeats certificates already received in this sync' },
    { count },
  );
}

/** A verified certificate to store, where it came from. */
interface Taken {
  c: IssuedCertificate;
  verified: Verified;
  place: FeedPlace;
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
  const heldFor = db.prepare('SELECT uvci, hc1, issued_at AS issuedAt, revoked_at AS revokedAt FROM certificates WHERE record_id = ?');
  const replacedHere = db.prepare('SELECT revoked_at AS revokedAt FROM certificates_replaced WHERE uvci = ? AND record_id = ?');
  // Its code kept (migration 0016): a revocation of it is compared with it, as one of a certificate held is.
  const keepReplaced = db.prepare(`INSERT INTO certificates_replaced (uvci, record_id, issued_at, replaced_by, replaced_at, revoked_at, hc1)
    VALUES (@uvci, @recordId, @issuedAt, @replacedBy, @replacedAt, @revokedAt, @hc1) ON CONFLICT (uvci) DO NOTHING`);
  const replacedRevoked = db.prepare('UPDATE certificates_replaced SET revoked_at = ? WHERE uvci = ? AND revoked_at IS NULL');
  const upsert = db.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at, revoked_at)
    VALUES (@recordId, @uvci, @hc1, @issuedAt, @expiresAt, @receivedAt, @revokedAt)
    ON CONFLICT (record_id) DO UPDATE SET uvci = excluded.uvci, hc1 = excluded.hc1, issued_at = excluded.issued_at,
      expires_at = excluded.expires_at, received_at = excluded.received_at, revoked_at = excluded.revoked_at`);

  /** Verified certificates, inside the caller's transaction. Returns what was stored and why the others were not. */
  return function storeCertificates(taken: readonly Taken[]): { stored: Taken[]; revoked: number; refused: { t: Taken; reason: Reason }[]; replaced: Taken[]; stale: Taken[]; stillRevoked: Taken[] } {
    const out = { stored: [] as Taken[], revoked: 0, refused: [] as { t: Taken; reason: Reason }[], replaced: [] as Taken[], stale: [] as Taken[], stillRevoked: [] as Taken[] };
    const toIssue: { id: string; details: Record<string, string> }[] = [];
    const now = ports.now().toISOString();
    for (const t of taken) {
      const { c, verified } = t;
      const record = recordFacts.get(c.recordId) as RecordFacts | undefined;
      if (record === undefined) {
        out.refused.push({ t, reason: recordUnknown(c) });
        continue;
      }
      const { state } = record;
      if (!aboutRecord(verified.payload, record) && !aboutSignedRecord(c.recordId, verified.payload, record)) {
        out.refused.push({ t, reason: otherRecord(c, aboutOf(verified.payload), record) });
        continue;
      }
      const owner = uvciOwner.get(c.uvci) as { id: string; revokedAt: string | null } | undefined;
      if (owner && owner.id !== c.recordId) {
        out.refused.push({ t, reason: uvciConflict(c, owner.id) });
        continue;
      }
      const revokedAt = c.revokedAt ?? null;
      const held = heldFor.get(c.recordId) as { uvci: string; hc1: string; issuedAt: string; revokedAt: string | null } | undefined;
      const holds = held?.uvci;
      // A certificate of the record that a reissue replaced here: sent again (the feed read again
      // from its start), it took its replacement's place until the reissue came again; its
      // revocation is kept for what verify says of its QR (session 26, second pass).
      const replaced = holds !== c.uvci ? (replacedHere.get(c.uvci, c.recordId) as { revokedAt: string | null } | undefined) : undefined;
      if (replaced !== undefined) {
        if (revokedAt === null) {
          out.stale.push(t);
          continue;
        }
        if (replacedRevoked.run(revokedAt, c.uvci).changes === 1) {
          out.revoked += 1;
          appendAudit(db, ports.actor, now, { action: 'certificate.revoked', entity: 'record', entityId: c.recordId, details: { uvci: c.uvci, revokedAt, replacedBy: holds ?? null } });
        }
        // Applied (now or before): no revocation passed over. Counted and logged as one, the CLI
        // said "1 revocation(s) ignored" of what it had just applied (session 28).
        continue;
      }
      // The certificate held revoked, sent again as issued (the feed read again from its start, a
      // page holding it after its revocation): older news than the revocation, which API v1 never
      // takes back. Written over the row, it made the revoked passport valid again (session 28).
      if (revokedAt === null && holds === c.uvci && held?.revokedAt != null) {
        out.stillRevoked.push(t);
        continue;
      }
      // The revocation of a certificate the record no longer holds: the platform reissued it (a
      // new UVCI for the same record) and then revoked the old one. Written over the row, the old
      // revoked one took the place of the valid certificate that replaced it (session 26).
      if (revokedAt !== null && holds !== undefined && holds !== c.uvci) {
        out.replaced.push(t);
        continue;
      }
      // An older certificate of the record than the one it holds (the feed read again from its
      // start by a station that held the reissue before migration 0014, or a feed out of order):
      // stored, it took the newer one's place and marked the valid current certificate replaced,
      // and the newer one sent again was then refused as replaced. It is kept as replaced by the
      // one held, by the signed issue times (review of session 26).
      if (held !== undefined && holds !== c.uvci && revokedAt === null && Date.parse(verified.issuedAt) < Date.parse(held.issuedAt)) {
        keepReplaced.run({ uvci: c.uvci, recordId: c.recordId, issuedAt: verified.issuedAt, replacedBy: held.uvci, replacedAt: held.issuedAt, revokedAt: null, hc1: c.hc1 });
        out.stale.push(t);
        continue;
      }
      // A reissue (a new UVCI for a record that holds one): the old UVCI is kept, so that verify
      // can say of a QR printed from it that it was replaced, and when (session 26, second pass).
      if (held !== undefined && holds !== c.uvci && revokedAt === null) {
        keepReplaced.run({ uvci: held.uvci, recordId: c.recordId, issuedAt: held.issuedAt, replacedBy: c.uvci, replacedAt: verified.issuedAt, revokedAt: held.revokedAt, hc1: held.hc1 });
      }
      // The times shown and printed are the HC1's own (signed), not the feed's fields beside it.
      upsert.run({ recordId: c.recordId, uvci: c.uvci, hc1: c.hc1, issuedAt: verified.issuedAt, expiresAt: verified.expiresAt, receivedAt: now, revokedAt });
      out.stored.push(t);
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

/** One entry of the feed to take: as received, where it came from, and the set-aside key it is a new try of. */
interface Entry {
  raw: unknown;
  place: FeedPlace;
  retryOf?: string;
}

const entryRecord = (raw: unknown): string => {
  const id = (raw as { recordId?: unknown } | null)?.recordId;
  return typeof id === 'string' ? id : '';
};
const entryUvci = (raw: unknown): string => {
  const uvci = (raw as { uvci?: unknown } | null)?.uvci;
  return typeof uvci === 'string' ? uvci : '';
};
/** The index of the first item the first test takes, else the first the second takes; -1. */
function firstIndex(items: readonly unknown[], ...tests: ((e: unknown) => boolean)[]): number {
  for (const test of tests) {
    const at = items.findIndex(test);
    if (at >= 0) return at;
  }
  return -1;
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
  const storeCertificates = certificateWriter(store, deps.ports);
  const aside = setAsideStore(store.db);
  // The record's certificate, else one a reissue replaced whose code is kept (migration 0016): its
  // revocation is taken as held, even once its DSC has left the list (session 27).
  const heldCopy = store.db.prepare(`SELECT record_id AS recordId, hc1, issued_at AS issuedAt, expires_at AS expiresAt FROM certificates WHERE uvci = @uvci
    UNION ALL SELECT record_id, hc1, issued_at, NULL FROM certificates_replaced WHERE uvci = @uvci AND hc1 IS NOT NULL LIMIT 1`);
  /** The very certificate held here (same record, UVCI and HC1; verified when stored): its payload and times as held; else null. */
  async function heldSame(c: IssuedCertificate): Promise<Verified | null> {
    const held = heldCopy.get({ uvci: c.uvci }) as { recordId: string; hc1: string; issuedAt: string; expiresAt: string | null } | undefined;
    if (held === undefined || held.recordId !== c.recordId || held.hc1 !== c.hc1) return null;
    const report = await decodeHc1Report(c.hc1);
    // A replaced one keeps no expiry: its signed one (it is never stored as the record's again).
    const exp = report.claims?.exp;
    const expiresAt = held.expiresAt ?? (typeof exp === 'number' ? new Date(exp * 1000).toISOString() : held.issuedAt);
    return { payload: report.payload, issuedAt: held.issuedAt, expiresAt };
  }
  // A certificate a reissue replaced before migration 0016: its row keeps no code, only its UVCI,
  // record and signed issue time. Once its DSC has left the list, its revocation cannot be
  // verified, and it was passed over: verify called the revoked QR only "replaced" (session 28).
  const replacedWithoutCode = store.db.prepare('SELECT issued_at AS issuedAt FROM certificates_replaced WHERE uvci = ? AND record_id = ? AND hc1 IS NULL');
  /**
   * A revocation of a certificate replaced here before 0016, matched on what its row keeps: the
   * record, the UVCI inside the code as beside it, and the signed issue time to the second. Its
   * signature is not checked (its signer has retired); what it revokes is a certificate the record
   * no longer holds, and nothing of it is stored but the revocation. Else null.
   */
  async function replacedRevocation(c: IssuedCertificate): Promise<{ c: IssuedCertificate; check: Verified } | null> {
    if (c.revokedAt == null) return null;
    const row = replacedWithoutCode.get(c.uvci, c.recordId) as { issuedAt: string } | undefined;
    if (row === undefined) return null;
    const texts = new Set([c.hc1, ...hc1Readings(c.hc1).map((r) => r.text.replace(/[\r\n]+/g, ''))].filter((t) => BARE_HC1.test(t)));
    for (const hc1 of texts) {
      const report = await decodeHc1Report(hc1);
      const iat = report.claims?.iat;
      const exp = report.claims?.exp;
      if (uvciOf(report.payload) !== c.uvci || typeof iat !== 'number' || Math.floor(Date.parse(row.issuedAt) / 1000) !== iat) continue;
      const expiresAt = typeof exp === 'number' ? new Date(exp * 1000).toISOString() : row.issuedAt;
      return { c: { ...c, hc1 }, check: { payload: report.payload, issuedAt: row.issuedAt, expiresAt } };
    }
    return null;
  }
  /** The code held here (or kept replaced) for the entry's record and UVCI when the entry's text is it, with more around it (a repair of pastedHc1.ts gives it); else null. */
  function heldCodeIn(c: IssuedCertificate): string | null {
    const held = heldCopy.get({ uvci: c.uvci }) as { recordId: string; hc1: string } | undefined;
    if (held === undefined || held.recordId !== c.recordId) return null;
    // A line break is never Base45: the verifier joins a code's lines (stripHc1Prefix).
    return hc1Readings(c.hc1).some((r) => r.text.replace(/[\r\n]+/g, '') === held.hc1) ? held.hc1 : null;
  }
  /** The entry with the first bare reading of its text that verifies (with a fresh list if need be) and its check; else null. */
  async function verifiedReading(c: IssuedCertificate): Promise<{ c: IssuedCertificate; check: Verified } | null> {
    const texts = new Set(hc1Readings(c.hc1).map((r) => r.text.replace(/[\r\n]+/g, '')).filter((t) => BARE_HC1.test(t)));
    for (const hc1 of texts) {
      const read = { ...c, hc1 };
      let check = await checkedHc1(read, trust);
      if (isFailed(check)) check = await checkedAgain(read, check);
      if (!isFailed(check)) return { c: read, check };
    }
    return null;
  }
  const result: PullOutcome = { certificates: 0, revoked: 0, ignored: 0, setAside: 0, recovered: 0, stoppedBy: null };

  /** Checked again with a fresh trust list (fetched once per pull); null when it verifies now. */
  async function checkedAgain(c: IssuedCertificate, first: Failed): Promise<Verified | Failed> {
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
    return fetched.ok === true ? checkedHc1(c, trust) : first;
  }

  /**
   * Entries of one page (or set-aside ones tried again), in order: each stored, set aside or
   * passed over; then, in one transaction, what is stored and set aside and the cursor (`cursor`
   * undefined: left as it is).
   */
  async function take(entries: readonly Entry[], cursor?: string): Promise<void> {
    const parsed = entries.map((e) => IssuedCertificateSchema.safeParse(e.raw));
    // The signature checks of a page run together (WebCrypto works off the main thread). The
    // first goes alone: verifyHc1 imports each DSC key once per trust entry, and a thousand
    // checks started together would each import it before the first import is cached.
    const checks: (Verified | Failed | undefined)[] = new Array(entries.length);
    const firstOk = parsed.findIndex((p) => p.success);
    if (firstOk >= 0) checks[firstOk] = await checkedHc1(parsed[firstOk]!.data!, trust);
    await Promise.all(parsed.map(async (p, i) => {
      if (p.success && i !== firstOk) checks[i] = await checkedHc1(p.data, trust);
    }));
    const taken: Taken[] = [];
    const setAside: { entry: Entry; reason: Reason }[] = [];
    for (const [i, entry] of entries.entries()) {
      const p = parsed[i]!;
      if (!p.success) {
        const issues = p.error.issues.slice(0, 3).map((x) => `${x.path.join('.') || '(mục)'}: ${x.message}`).join('; ');
        setAside.push({ entry, reason: entryInvalid(entry.place.position, entryRecord(entry.raw), issues) });
        continue;
      }
      let c = p.data;
      let check = checks[i]!;
      // Only the bare code is a passport's QR (printed as stored): the verifier reads a pasted text
      // through its repairs (pastedHc1.ts), and one the feed sends wrapped or with a quote after it
      // verified and was stored so, its QR unreadable to other verifiers (review of session 26).
      // The very code held here, sent wrapped (its revocation, most of all: passed over, the
      // record kept its revoked certificate as valid; session 27), is the held one.
      // A revocation of a code not held as the record's (one a reissue replaced here, whose row
      // keeps no HC1: passed over, verify called the revoked QR only "replaced"; session 27) is
      // read as a bare one is: its bare reading that verifies; nothing of it is printed.
      if (!BARE_HC1.test(c.hc1)) {
        const bare = heldCodeIn(c);
        const read = bare === null && c.revokedAt != null ? (await verifiedReading(c)) ?? (await replacedRevocation(c)) : null;
        if (bare !== null) c = { ...c, hc1: bare };
        else if (read !== null) ({ c, check } = read);
        else {
          if (c.revokedAt != null) passOver(c, 'not a bare HC1');
          else setAside.push({ entry, reason: hc1NotBare(c) });
          continue;
        }
      }
      // A certificate held here as it is sent (a revocation of it, or the feed read again from
      // its start after the platform refused the cursor) that does not verify with the list in
      // hand: taken as held, without asking for a fresh list (its signer may have left every list
      // for good; review of session 17).
      if (isFailed(check)) {
        const held = await heldSame(c);
        if (held !== null) {
          logger.log('info', 'sync: a certificate held here, sent again, taken as held; its signature is not checked again', { recordId: c.recordId, uvci: c.uvci, revoked: c.revokedAt != null });
          check = held;
        } else {
          check = await checkedAgain(c, check);
          const replaced = isFailed(check) ? await replacedRevocation(c) : null;
          if (replaced !== null) {
            logger.log('info', 'sync: a revocation of a certificate replaced here before its code was kept, matched by record, UVCI and issue time; its signature is not checked', { recordId: c.recordId, uvci: c.uvci });
            ({ c, check } = replaced);
          }
        }
      }
      if (!isFailed(check)) taken.push({ c, verified: check, place: entry.place });
      else if (c.revokedAt != null) passOver(c, 'does not verify');
      else setAside.push({ entry, reason: check.failed(fetched.ok === true) });
    }
    const now = deps.ports.now().toISOString();
    const done = store.db.transaction(() => {
      const r = storeCertificates(taken);
      const entryAt = new Map(entries.map((e) => [e.place, e]));
      for (const t of r.replaced) passOver(t.c, 'revokes a certificate its record no longer holds (reissued)');
      for (const t of r.stillRevoked) logger.log('info', 'sync: a certificate held revoked, sent again as issued; it stays revoked', { recordId: t.c.recordId, uvci: t.c.uvci });
      for (const t of r.stale) logger.log('info', 'sync: a certificate replaced here by a reissue, sent again; not stored', { recordId: t.c.recordId, uvci: t.c.uvci });
      for (const { t, reason } of r.refused) {
        if (t.c.revokedAt != null) passOver(t.c, reason.code);
        else setAside.push({ entry: entryAt.get(t.place)!, reason });
      }
      // Only a certificate the record can be printed from settles what was set aside for it: a
      // revocation stored (the reissue's predecessor, revoked after the reissue was set aside) is
      // none, and settling on it dropped the reissue for good (review of session 26). Settled
      // before this take's own are put: a reissue set aside here is newer than what it holds.
      for (const t of r.stored) if (t.c.revokedAt == null) aside.settled(t.c.recordId);
      const keys = new Set<string>();
      // An entry a clerk dismissed, sent again as it was: kept dismissed, neither counted nor said.
      const dismissed = new Set<Entry>();
      for (const { entry, reason } of setAside) {
        const put = aside.put(entry.raw, entry.place, reason, now);
        keys.add(put.key);
        if (put.dismissed) dismissed.add(entry);
      }
      let recovered = 0;
      for (const e of entries) {
        if (e.retryOf === undefined || keys.has(e.retryOf)) continue;
        // Tried again and either stored or set aside under another key (the platform's mended entry).
        aside.drop(e.retryOf);
        if (r.stored.some((t) => t.place === e.place)) recovered += 1;
      }
      if (cursor !== undefined) state.set(SYNC_KEYS.cursor, cursor);
      return { stored: r.stored.length, revoked: r.revoked, recovered, dismissed };
    }).immediate();
    for (const { entry, reason } of setAside) {
      if (done.dismissed.has(entry)) {
        logger.log('info', 'sync: a certificate entry dismissed here was sent again; kept dismissed', { recordId: entryRecord(entry.raw), code: reason.code });
        continue;
      }
      logger.log('warn', 'sync: certificate set aside; not stored, the pull goes on', { recordId: entryRecord(entry.raw), code: reason.code, retry: entry.retryOf !== undefined });
    }
    result.certificates += done.stored;
    result.revoked += done.revoked;
    result.recovered += done.recovered;
    result.setAside += setAside.filter((s) => s.entry.retryOf === undefined && !done.dismissed.has(s.entry)).length;
  }

  function passOver(c: IssuedCertificate, why: string): void {
    result.ignored += 1;
    logger.log('warn', 'sync: revocation of a certificate not held here as sent; not stored, the pull goes on', { recordId: c.recordId, uvci: c.uvci, why });
  }

  /**
   * The set-aside entries, tried again: each page they came from asked again (the platform may
   * have mended or reissued the entry), the record's entry there taken (an entry that named no
   * record: the one at its place); the copy held when the page cannot be had or no longer has it.
   */
  async function retrySetAside(): Promise<void> {
    const rows = aside.forRetry(RETRY_ENTRIES);
    if (rows.length === 0) return;
    const pages = new Map<string | null, unknown[] | null>();
    for (const row of rows) {
      if (pages.has(row.after) || pages.size >= RETRY_PAGES) continue;
      if (opts.signal?.aborted) throw syncCancelled(result);
      try {
        pages.set(row.after, (await client.certificates(row.after, opts.pageSize)).certificates);
      } catch (e) {
        if (opts.signal?.aborted) throw syncCancelled(result);
        if (!(e instanceof SyncFailure) || e.kind === 'auth' || e.kind === 'config' || e.kind === 'transient') throw e;
        // A cursor the platform no longer knows, a page it cannot give: the copy held is tried.
        pages.set(row.after, null);
        logger.log('info', 'sync: the page of a set-aside certificate could not be had again; its copy is checked', { code: e.code });
      }
    }
    const entries: Entry[] = rows.map((row) => {
      const page = pages.get(row.after) ?? null;
      // The entry of the same certificate (its UVCI); else the record's certificate there, not a
      // revocation of another one of it (taking that, the first of the record's on the page, lost
      // the reissue set aside: review of session 26).
      const of = (e: unknown) => entryRecord(e) === row.recordId;
      const at = page === null ? -1
        : row.recordId === '' ? (row.position < page.length ? row.position : -1)
        : firstIndex(page, (e) => of(e) && entryUvci(e) === row.uvci, (e) => of(e) && (e as { revokedAt?: unknown }).revokedAt == null);
      if (at >= 0) return { raw: page![at], place: { after: row.after, position: at }, retryOf: row.key };
      let raw: unknown;
      try {
        raw = JSON.parse(row.entry);
      } catch {
        raw = row.entry;
      }
      return { raw, place: { after: row.after, position: row.position }, retryOf: row.key };
    });
    await take(entries);
  }

  await retrySetAside();

  let horizon: number | null = null;
  let restarted = false;
  let emptyPages = 0;
  // What this run was given already (a revocation comes again, revoked): a page of nothing else
  // is a feed going round in circles, however new its cursors look.
  const given = new Set<string>();
  const keyOf = (raw: unknown) => {
    const p = IssuedCertificateSchema.safeParse(raw);
    return p.success ? `${p.data.uvci}\u0000${p.data.revokedAt ?? ''}` : `raw\u0000${JSON.stringify(raw)?.slice(0, 2000)}`;
  };
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
    if (page.certificates.length === 0) {
      // The end of the feed, unless the page names a cursor past this one: a platform that pages
      // its feed with gaps (an empty page whose certificates were for another facility). Stopping
      // there, every run would stop there again and nothing after it would ever come.
      if (page.next === null || page.next === cursor) break;
      if (++emptyPages > MAX_EMPTY_PAGES) {
        result.stoppedBy = badReply({ vi: `${MAX_EMPTY_PAGES} trang chứng nhận trống liên tiếp`, en: `${MAX_EMPTY_PAGES} empty certificates pages in a row` }, { cursor });
        break;
      }
      logger.log('info', 'sync: empty certificates page with a next cursor; going on from it', { cursor, next: page.next });
      state.set(SYNC_KEYS.cursor, page.next);
      continue;
    }
    emptyPages = 0;
    const keys = page.certificates.map(keyOf);
    if (keys.every((k) => given.has(k))) {
      // Stored already; the cursor stays where the last new certificate was. A short page that
      // repeats the last certificate (a platform whose `after` includes the cursor's own) is the
      // feed's end, not a loop: said only of a full one.
      if (page.certificates.length >= opts.pageSize) {
        result.stoppedBy = feedRepeats(page.certificates.length);
        logger.log('warn', 'sync: certificates page repeats what this run was given; stopping the pull', { cursor });
      }
      break;
    }
    for (const k of keys) given.add(k);
    const moved = page.next !== null && page.next !== cursor;
    await take(page.certificates.map((raw, position) => ({ raw, place: { after: cursor, position } })), moved ? page.next! : undefined);
    opts.onPage?.(result.certificates);
    // A full page without a new cursor breaks the feed's contract: stop instead of looping, and
    // say so: every later run stops at the same page, and nothing after it can come. (A short
    // one is the feed's end, as a platform whose cursor includes its own item gives it.)
    if (!moved) {
      if (page.certificates.length >= opts.pageSize) result.stoppedBy = badReply({ vi: 'trang chứng nhận không có con trỏ mới để đọc tiếp', en: 'a certificates page without a new cursor to read on from' }, { cursor, next: page.next });
      logger.log('warn', 'sync: certificate page without a new cursor; stopping the pull', {});
      break;
    }
    // One run reads the feed as it stood when the pull began: the platform issues after its
    // answers, and chasing it would hold the run open for as long as issuance lasts. A page
    // reaching certificates issued after the first page's serverTime (both the platform's clock)
    // has passed that moment. The cursor is kept; the next run asks from it.
    // A page shorter than asked is read on from (session 28): a platform that caps its pages below
    // the station's size, or pages its whole feed and filters per facility after, gives only short
    // pages, and taken as the end, each run read one page of a campaign's certificates. The end is
    // the empty page after it (one request more per run).
    horizon ??= Date.parse(page.serverTime);
    const issuedAfter = (raw: unknown) => Date.parse((raw as { issuedAt?: unknown } | null)?.issuedAt as string) > horizon!;
    if (page.certificates.some(issuedAfter)) break;
  }
  return result;
}

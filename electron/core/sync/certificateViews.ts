/**
 * The certificates pulled back, as the certificates screen and `station certificates` show them
 * (DESIGN §3, §8): the list, and one certificate with its 11 bilingual fields (from the issued
 * DCC's payload: what the QR says is what is shown), the QR as SVG, and a verification report
 * against the cached trust list (so it works offline). A certificate the station knows is revoked
 * fails that verification with CERTIFICATE_REVOKED whatever its signature says (probe 17, F1).
 */
import type { Reason } from '../batches/batchStore.js';
import { setAsideStore } from './certificateSetAside.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import type { DccReport } from '../../../shared/dcc/report.js';
import { certificateFields, type CertificateField, type IssuedCertificateInfo } from '../../../shared/domain/certificateFields.js';
import type { DccVaccination } from '../../../shared/domain/dccPayload.js';
import type { Replacement } from '../../../shared/dcc/revocation.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import { qrToSvg } from '../../../shared/qr/encode.js';
import type { StationStore } from '../store/stationStore.js';
import { toRecord, type RecordRow } from '../store/rows.js';
import { certificateRevocation, type PendingCorrection } from './certificateRevocation.js';
import { certificateSearch } from './certificateSearch.js';
import { trustNotCached } from './trustCache.js';

export interface CertificateSummary {
  recordId: string;
  personId: string;
  fullName: string;
  uvci: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface CertificateView extends CertificateSummary {
  hc1: string;
  fields: CertificateField[];
  qrSvg: string;
  nationality: string;
  verification: DccReport;
  /** Revoked by the platform: when, and the correcting record with its certificate once held. */
  revocation: { revokedAt: string; replacedBy: Replacement | null } | null;
  /** Its record was corrected here and the correction is not answered yet: this certificate will be revoked. */
  correctionPending: PendingCorrection | null;
  person: Person;
}

const SUMMARY = `SELECT c.record_id AS recordId, d.person_id AS personId, p.full_name AS fullName, c.uvci, c.issued_at AS issuedAt,
  c.expires_at AS expiresAt, c.revoked_at AS revokedAt, c.hc1 FROM certificates c
  JOIN dose_records d ON d.id = c.record_id JOIN people p ON p.id = d.person_id`;

export function certificateNotFound(recordId: string, setAside: Reason | null = null): StationError {
  if (setAside !== null) {
    // The platform sent one, and it failed the station's checks: the clinic is told why (session 26).
    return new StationError('CERTIFICATE_NOT_FOUND', `Chưa có chứng nhận hợp lệ cho bản ghi ${recordId}. ${setAside.message_vi}`,
      `There is no valid certificate for record ${recordId}. ${setAside.message_en}`, { recordId, setAside });
  }
  return new StationError('CERTIFICATE_NOT_FOUND', `Chưa có chứng nhận cho bản ghi ${recordId}`, `There is no certificate for record ${recordId}`, { recordId });
}

/** The issued DCC's name, date of birth and vaccination entry, read from the verified payload. */
/** What the 11 fields take from an issued DCC's payload (any shape: it came from a QR). */
export function issuedInfo(uvci: string, payload: unknown): IssuedCertificateInfo {
  const info: IssuedCertificateInfo = { uvci };
  if (typeof payload !== 'object' || payload === null) return info;
  const p = payload as { nam?: { fn?: unknown; gn?: unknown; fnt?: unknown; gnt?: unknown }; dob?: unknown; v?: unknown[] };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  // Any name part the QR has is shown as it is (a malformed one without fnt too: the verification says what is wrong).
  if (p.nam && [p.nam.fn, p.nam.gn, p.nam.fnt, p.nam.gnt].some((x) => typeof x === 'string')) {
    const nam: NonNullable<IssuedCertificateInfo['nam']> = { fnt: str(p.nam.fnt) ?? '' };
    if (str(p.nam.fn) !== undefined) nam.fn = str(p.nam.fn)!;
    if (str(p.nam.gn) !== undefined) nam.gn = str(p.nam.gn)!;
    if (str(p.nam.gnt) !== undefined) nam.gnt = str(p.nam.gnt)!;
    info.nam = nam;
  }
  if (typeof p.dob === 'string') info.dob = p.dob;
  const v = Array.isArray(p.v) ? p.v[0] : undefined;
  if (typeof v === 'object' && v !== null) info.vaccination = v as DccVaccination;
  return info;
}

export function certificateViews(store: StationStore) {
  const db = store.db;
  const byRecord = db.prepare(`${SUMMARY} WHERE c.record_id = ?`);
  const aside = setAsideStore(db);
  const standing = certificateRevocation(db);
  const search = certificateSearch(db);
  const dosesOf = db.prepare(`SELECT * FROM dose_records WHERE person_id = ? AND state NOT IN ('superseded', 'rejected', 'draft')`);

  return {
    /**
     * `awaitingReplacement`: the record was corrected here and the platform has not revoked the
     * certificate yet (what `certificates.get` says as `correctionPending`), so the list shows it
     * too: a clinic printing from the list would otherwise hand out a certificate about to go.
     */
    list(q: { search?: string; limit: number; offset: number; expired?: boolean }, at: Date): { items: (CertificateSummary & { awaitingReplacement: boolean; expired: boolean })[]; total: number; totalCapped?: boolean } {
      const { expired, ...rest } = q;
      // `expired` filters by the same clock the items' `expired` marks are read with.
      const found = search.page(expired === undefined ? rest : { ...rest, expiry: { expired, at } });
      const awaiting = (r: CertificateSummary) => standing.pendingCorrection({ recordId: r.recordId, uvci: r.uvci, revokedAt: r.revokedAt }) !== null;
      return {
        // Expired by the station's clock, as the certificate's own screen says it (CWT_EXPIRED): after a
        // year a big site holds tens of thousands, and the list showed them as any other.
        items: found.rows.map(({ hc1: _hc1, ...summary }) => ({ ...summary, awaitingReplacement: awaiting(summary), expired: Date.parse(summary.expiresAt) <= at.getTime() })),
        total: found.total,
        ...(found.capped ? { totalCapped: true } : {}),
      };
    },

    async get(recordId: string, trust: readonly TrustEntry[] | null, at: Date): Promise<CertificateView> {
      const row = byRecord.get(recordId) as (CertificateSummary & { hc1: string }) | undefined;
      if (!row) throw certificateNotFound(recordId, aside.reasonOf(recordId));
      const person = store.getPerson(row.personId);
      if (!person) throw certificateNotFound(recordId);
      const doses: DoseRecord[] = (dosesOf.all(row.personId) as RecordRow[]).map(toRecord);
      const verification = await verifyHc1(row.hc1, { trust: trust ?? [], at });
      if (trust === null) {
        verification.errors.push(trustNotCached());
      }
      // The signature step stays as it was: the screen says "signature valid, but revoked".
      const revoked = standing.revocation(row);
      if (revoked !== null) {
        verification.errors.push(revoked.finding);
        verification.valid = false;
      }
      return {
        ...row,
        revocation: revoked === null ? null : { revokedAt: revoked.revokedAt, replacedBy: revoked.replacedBy },
        correctionPending: standing.pendingCorrection(row),
        fields: certificateFields(person, doses, issuedInfo(row.uvci, verification.payload)),
        qrSvg: qrToSvg(row.hc1),
        nationality: person.nationality,
        verification,
        person,
      };
    },
  };
}

export type CertificateViews = ReturnType<typeof certificateViews>;

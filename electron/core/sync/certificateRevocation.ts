/**
 * Whether a stored certificate still stands (probe 17, F1): revoked by the platform (`revoked_at`,
 * from the feed), with the record that corrected it and its new certificate when held; or about a
 * record superseded here by a correction not yet answered, which will revoke it.
 */
import { certificateCorrectionPending, certificateReplaced, certificateRevoked, type Replacement } from '../../../shared/dcc/revocation.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';

/** The UVCI of a DCC payload (any shape: it may come from a scanned QR), or null. */
export function uvciOf(payload: unknown): string | null {
  const v = (payload as { v?: { ci?: unknown }[] } | null)?.v;
  const ci = Array.isArray(v) ? v[0]?.ci : undefined;
  return typeof ci === 'string' ? ci : null;
}

export interface Revocation {
  revokedAt: string;
  replacedBy: Replacement | null;
  finding: ErrorInfo;
}

export interface PendingCorrection {
  recordId: string;
  notice: ErrorInfo;
}

export function certificateRevocation(db: StationDatabase) {
  const byUvci = db.prepare('SELECT record_id AS recordId, revoked_at AS revokedAt FROM certificates WHERE uvci = ?');
  const stateOf = db.prepare('SELECT state FROM dose_records WHERE id = ?');
  const successor = db.prepare('SELECT id FROM dose_records WHERE supersedes = ?');
  const liveUvci = db.prepare('SELECT uvci FROM certificates WHERE record_id = ? AND revoked_at IS NULL');
  const replacedOne = db.prepare('SELECT record_id AS recordId, replaced_by AS replacedBy, replaced_at AS replacedAt, revoked_at AS revokedAt FROM certificates_replaced WHERE uvci = ?');

  /** The last record of the correction chain after `recordId`, or null when it was never corrected. */
  function replacement(recordId: string): Replacement | null {
    let head: string | null = null;
    // A chain is a handful of corrections; the bound only guards against a loop in bad data.
    for (let at = recordId, hops = 0; hops < 1000; hops++) {
      const next = successor.get(at) as { id: string } | undefined;
      if (next === undefined) break;
      head = at = next.id;
    }
    if (head === null) return null;
    const held = liveUvci.get(head) as { uvci: string } | undefined;
    return { recordId: head, uvci: held?.uvci ?? null };
  }

  /** The revocation of a stored certificate, or null when the platform has not revoked it. */
  function revocation(c: { recordId: string; uvci: string; revokedAt: string | null }): Revocation | null {
    if (c.revokedAt === null) return null;
    const replacedBy = replacement(c.recordId);
    return { revokedAt: c.revokedAt, replacedBy, finding: certificateRevoked(c.uvci, c.revokedAt, replacedBy).toInfo() };
  }

  /** CERTIFICATE_REVOKED for a UVCI the station holds revoked, else null. */
  function findingForUvci(uvci: string): ErrorInfo | null {
    const held = byUvci.get(uvci) as { recordId: string; revokedAt: string | null } | undefined;
    return held === undefined ? null : (revocation({ recordId: held.recordId, uvci, revokedAt: held.revokedAt })?.finding ?? null);
  }

  return {
    revocation,

    /** A correction made here that will revoke this (not yet revoked) certificate, or null. */
    pendingCorrection(c: { recordId: string; uvci: string; revokedAt: string | null }): PendingCorrection | null {
      if (c.revokedAt !== null || (stateOf.get(c.recordId) as { state: string } | undefined)?.state !== 'superseded') return null;
      const by = replacement(c.recordId);
      return by === null ? null : { recordId: by.recordId, notice: certificateCorrectionPending(c.uvci, by.recordId).toInfo() };
    },

    /**
     * A verification of a certificate this station holds revoked is not valid, however good its
     * signature: the station is where a corrected-away QR is most likely to be shown again
     * (probe 17, F1). The verify screen and `station dcc verify` both say so.
     */
    markRevoked<R extends { payload: unknown; errors: ErrorInfo[]; warnings: ErrorInfo[]; valid: boolean }>(report: R): R {
      const uvci = uvciOf(report.payload);
      if (uvci === null) return report;
      const revoked = findingForUvci(uvci);
      if (revoked !== null) {
        report.errors.push(revoked);
        report.valid = false;
        return report;
      }
      // A certificate of a record the platform reissued (the record holds the newer one now): a
      // QR printed from it said nothing of it before (session 26, second pass).
      const replaced = replacedOne.get(uvci) as { recordId: string; replacedBy: string; replacedAt: string; revokedAt: string | null } | undefined;
      if (replaced === undefined) return report;
      if (replaced.revokedAt !== null) {
        report.errors.push(certificateRevoked(uvci, replaced.revokedAt, { recordId: replaced.recordId, uvci: replaced.replacedBy }).toInfo());
        report.valid = false;
      } else {
        report.warnings.push(certificateReplaced(uvci, replaced.replacedBy, replaced.replacedAt).toInfo());
      }
      return report;
    },
  };
}

/**
 * What the station says about a certificate it knows is revoked, or soon will be (probe 17, F1).
 * The platform revokes a certificate when a correction of its record is accepted and issues a new
 * one; its signature stays good, so only the station's own knowledge can say "not this one". One
 * finding for the certificates screen, `certificates.get`, `dcc.verify` and the CLI export, so
 * each names the same code, time (Viet Nam) and replacement.
 */
import { vietnamTime } from '../domain/dates.js';
import { StationError } from '../errors.js';

export const CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED';
export const CERTIFICATE_CORRECTION_PENDING = 'CERTIFICATE_CORRECTION_PENDING';
export const CERTIFICATE_REPLACED = 'CERTIFICATE_REPLACED';

/** The record that corrected the revoked one (the last of its correction chain), and its certificate once held. */
export interface Replacement {
  recordId: string;
  uvci: string | null;
}

export function certificateRevoked(uvci: string, revokedAt: string, replacedBy: Replacement | null): StationError {
  const at = vietnamTime(revokedAt);
  const byVi = replacedBy === null ? ''
    : replacedBy.uvci !== null ? `; đã thay bằng chứng nhận ${replacedBy.uvci} (bản ghi ${replacedBy.recordId})`
      : `; bản ghi đính chính ${replacedBy.recordId} chưa có chứng nhận mới`;
  const byEn = replacedBy === null ? ''
    : replacedBy.uvci !== null ? `; replaced by certificate ${replacedBy.uvci} (record ${replacedBy.recordId})`
      : `; the correcting record ${replacedBy.recordId} has no new certificate yet`;
  return new StationError(
    CERTIFICATE_REVOKED,
    `Chứng nhận ${uvci} đã bị thu hồi lúc ${at}${byVi}. Không dùng chứng nhận này.`,
    `Certificate ${uvci} was revoked at ${at}${byEn}. Do not use this certificate.`,
    { uvci, revokedAt, replacedBy },
  );
}

/** Not an error: the record was corrected here and the correction has not reached the platform (or been answered) yet. */
export function certificateCorrectionPending(uvci: string, correctingRecordId: string): StationError {
  return new StationError(
    CERTIFICATE_CORRECTION_PENDING,
    `Bản ghi của chứng nhận ${uvci} đã được đính chính (bản ghi ${correctingRecordId}) nhưng chưa đồng bộ xong: chứng nhận này sẽ bị thu hồi và thay bằng chứng nhận mới.`,
    `The record of certificate ${uvci} was corrected (record ${correctingRecordId}) and the correction is not synced yet: this certificate will be revoked and replaced by a new one.`,
    { uvci, correctingRecordId },
  );
}

/**
 * A warning, not an error: the platform issued a newer certificate for the same record (a new
 * UVCI) and has not revoked this one (or not yet told the station); its signature is good, but it
 * is no longer the record's certificate (session 26, second pass). Revoked, it is CERTIFICATE_REVOKED.
 */
export function certificateReplaced(uvci: string, replacedBy: string, replacedAt: string): StationError {
  const at = vietnamTime(replacedAt);
  return new StationError(
    CERTIFICATE_REPLACED,
    `Chứng nhận ${uvci} đã được thay bằng chứng nhận mới hơn ${replacedBy}, cấp lúc ${at}. Hãy dùng và in chứng nhận mới.`,
    `Certificate ${uvci} was replaced by a newer certificate ${replacedBy}, issued at ${at}. Use and print the new one.`,
    { uvci, replacedBy, replacedAt },
  );
}

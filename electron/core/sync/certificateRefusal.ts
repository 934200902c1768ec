/**
 * What CERT_EXPIRED means for the batch the platform refused, from the details of its reply
 * (test/platform/batch/facilityCertificate.ts `checkTimes`): signed after the certificate ended
 * (`signedAt`), or signed in time and uploaded past the grace after its end (`now`). The platform's
 * sentence alone, "the certificate has expired", read the same for both, and the clinic could not
 * tell a token to renew from a batch that waited too long (probe 17, F5). Both end the same way:
 * put the records back and sign them with a certificate valid now. Details of another shape
 * leave the platform's own words.
 */
import { vietnamTime } from '../../../shared/domain/dates.js';
import { SyncFailure } from './syncFailure.js';

/** A time the platform's refusal names: its `details` as the client keeps them (`platform`), or as given. */
function isoField(details: unknown, key: string): string | null {
  const own = details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const from = own.platform !== null && typeof own.platform === 'object' ? (own.platform as Record<string, unknown>) : own;
  const v = from[key];
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null;
}

const AGAIN = {
  vi: 'Hãy đưa các hồ sơ của lô này về hàng chờ ký (màn hình Đồng bộ) rồi ký lại bằng chứng thư số còn hiệu lực.',
  en: "Put this batch's records back in the signing queue (Sync screen) and sign them again with a certificate valid now.",
};

export function certificateRefusal(e: SyncFailure, batch: { id: string; createdAt: string }): SyncFailure {
  if (e.code !== 'CERT_EXPIRED') return e;
  const notAfter = isoField(e.details, 'notAfter');
  if (notAfter === null) return e;
  const end = vietnamTime(notAfter);
  const signed = vietnamTime(batch.createdAt);
  const signedAt = isoField(e.details, 'signedAt');
  let vi: string;
  let en: string;
  if (signedAt === null && isoField(e.details, 'now') !== null && Date.parse(batch.createdAt) <= Date.parse(notAfter)) {
    vi = `Lô ${batch.id} được ký lúc ${signed}, khi chứng thư số còn hiệu lực (đến ${end}), nhưng được gửi quá muộn sau khi chứng thư hết hạn nên hệ thống quốc gia không nhận. ${AGAIN.vi}`;
    en = `Batch ${batch.id} was signed at ${signed}, while the certificate was valid (until ${end}), but sent too long after the certificate ended, so the national platform no longer takes it. ${AGAIN.en}`;
  } else if (signedAt !== null && Date.parse(signedAt) > Date.parse(notAfter)) {
    vi = `Lô ${batch.id} được ký lúc ${signed}, sau khi chứng thư số đã hết hạn (${end}). Hãy gia hạn chứng thư số với tổ chức chứng thực. ${AGAIN.vi}`;
    en = `Batch ${batch.id} was signed at ${signed}, after the certificate had ended (${end}). Renew the certificate with the certification authority. ${AGAIN.en}`;
  } else {
    // Details that say neither, or contradict the batch's own time: the platform's words stand.
    return e;
  }
  return new SyncFailure(e.kind, e.code, vi, en, { details: e.details, retryAfterMs: e.retryAfterMs, status: e.status });
}

/**
 * How a call to the platform failed, which decides what the sync client does with the batch:
 *
 * - `transient`: network, deadline, 408/425/429, 5xx, a clock-related refusal — try again later
 *   (backoff, Retry-After); the batch stays signed.
 * - `auth`: 401 — the API key is wrong; nothing is retried until the settings change; no batch
 *   is failed (it is not the batch's fault).
 * - `refused`: a coded 4xx about the request. For a batch upload, codes in BATCH_REFUSALS fail
 *   the batch; others are kept for a retry.
 * - `bad-reply`: the reply is not what API v1 says (garbage, wrong schema, HTML, too large) —
 *   nothing is written from it; the batch is retried (the platform's stored reply comes back).
 * - `config`: the station is not set up to sync (no URL or key, an insecure URL).
 */
import { StationError } from '../../../shared/errors.js';
import type { Reason } from '../batches/batchStore.js';
import { vietnamTime } from '../../../shared/domain/dates.js';

export type FailureKind = 'transient' | 'auth' | 'refused' | 'bad-reply' | 'config';

export class SyncFailure extends StationError {
  readonly kind: FailureKind;
  /** From `Retry-After`, in ms from when the reply came. */
  readonly retryAfterMs: number | null;
  readonly status: number | null;

  constructor(kind: FailureKind, code: string, vi: string, en: string, opts: { details?: unknown; retryAfterMs?: number | null; status?: number | null } = {}) {
    super(code, vi, en, opts.details);
    this.name = 'SyncFailure';
    this.kind = kind;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.status = opts.status ?? null;
  }

  reason(): Reason {
    return { code: this.code, message_vi: this.messageVi, message_en: this.messageEn };
  }
}

/**
 * Platform codes that refuse a whole batch for good (test/platform/README.md, DESIGN §6): its
 * signature, certificate, proofs, format or facility. The records become rejected with the code
 * and are fixed by a correction in a new batch. Anything else (an unknown code included) is not
 * taken as the batch's fault: it is kept and retried, with the error shown.
 */
export const BATCH_REFUSALS: ReadonlySet<string> = new Set([
  'BATCH_ID_INVALID', 'CBOR_INVALID', 'UPLOAD_BODY_INVALID', 'MANIFEST_INVALID', 'MANIFEST_MISMATCH', 'BATCH_ID_REUSED',
  'ALG_UNSUPPORTED', 'CERT_MISSING', 'CERT_INVALID', 'CERT_UNTRUSTED', 'CERT_NOT_YET_VALID', 'CERT_EXPIRED', 'CERT_KEY_USAGE',
  'CERT_WRONG_FACILITY', 'KID_MISMATCH', 'BATCH_SIGNATURE_INVALID', 'PROOF_INVALID', 'RECORD_FORMAT_INVALID',
  'BATCH_DUPLICATE_RECORD', 'BODY_TOO_LARGE',
]);

/**
 * A batch signed under another facility code than the one the station syncs as now (probe 17,
 * F3): its manifest names the old code, and the platform takes a batch only from the key of the
 * facility it names, so it would be refused as a "manifest mismatch", which reads like
 * corruption. The station fails it without sending it, saying why; "put back" (requeueRefused.ts)
 * signs its records again under the current code. Not a platform code: the platform never saw it.
 */
export function facilityChanged(batch: { id: string; facilityCode: string }, current: string): SyncFailure {
  return new SyncFailure(
    'refused',
    'BATCH_FACILITY_CHANGED',
    `Lô ${batch.id} được ký cho cơ sở ${batch.facilityCode}, nhưng máy trạm nay đồng bộ với mã cơ sở ${current}: hệ thống quốc gia sẽ không nhận lô này, nên lô không được gửi. Nếu mã ${batch.facilityCode} sai, hãy "Đưa lại vào hàng chờ ký" để ký lại các hồ sơ với mã ${current}.`,
    `Batch ${batch.id} was signed for facility ${batch.facilityCode}, but the station now syncs as ${current}: the national platform would not take it, so it was not sent. If ${batch.facilityCode} was wrong, "put back" its records to sign them again as ${current}.`,
    { details: { batch: batch.id, signedFor: batch.facilityCode, current } },
  );
}

/**
 * Refusals that a wrong PC clock causes: the batch is fine and goes through once the clock (or
 * time) catches up, so it is retried, never failed.
 */
export const CLOCK_REFUSALS: ReadonlySet<string> = new Set(['BATCH_CREATED_IN_FUTURE']);

export function authFailure(status: number, platformCode: string | null): SyncFailure {
  return new SyncFailure(
    'auth',
    'PLATFORM_AUTH_FAILED',
    'Hệ thống quốc gia từ chối khóa API của cơ sở. Hãy kiểm tra khóa API trong phần Cài đặt (platform.key).',
    'The national platform refused the facility API key. Check the API key in Settings (platform.key).',
    { status, details: { platformCode } },
  );
}

export function badReply(what: { vi: string; en: string }, details?: unknown): SyncFailure {
  return new SyncFailure(
    'bad-reply',
    'PLATFORM_REPLY_INVALID',
    `Trả lời của hệ thống quốc gia không đúng định dạng (${what.vi}); không có gì được ghi, sẽ thử lại sau.`,
    `The national platform’s reply is not in the expected format (${what.en}); nothing was written, will retry later.`,
    { details },
  );
}

export function notConfigured(missing: string[]): SyncFailure {
  return new SyncFailure(
    'config',
    'SYNC_NOT_CONFIGURED',
    `Chưa cài đặt kết nối hệ thống quốc gia: thiếu ${missing.join(', ')}.`,
    `The national platform connection is not set up: ${missing.join(', ')} missing.`,
    { details: { missing } },
  );
}

/**
 * The API key holds what no request header can carry (a space, a line break, an invisible
 * character pasted with it): Node refuses the request before it leaves, which was said as "the
 * platform is unreachable" at every run.
 */
export function keyUnusable(): SyncFailure {
  return new SyncFailure(
    'config',
    'PLATFORM_KEY_INVALID',
    'Khóa API của cơ sở trong Cài đặt (platform.key) có ký tự không gửi được (dấu cách, xuống dòng hoặc ký tự ẩn dán kèm): hãy dán lại khóa. Các lô đã ký vẫn được giữ an toàn trên máy trạm.',
    'The facility API key in Settings (platform.key) holds a character that cannot be sent (a space, a line break or an invisible character pasted with it): paste the key again. The signed batches are kept safe on this station.',
  );
}

export function insecureUrl(url: string): SyncFailure {
  return new SyncFailure(
    'config',
    'PLATFORM_URL_INSECURE',
    'Địa chỉ hệ thống quốc gia phải dùng https:// (khóa API không được gửi qua kết nối không mã hóa).',
    'The national platform address must use https:// (the API key is never sent over an unencrypted connection).',
    { details: { url } },
  );
}

/**
 * The run sent nothing because the platform's Retry-After is not over: said, with the time, so
 * that a "sync now" that uploads nothing does not look like one with nothing to upload.
 */
export function retryAfterPending(untilIso: string): SyncFailure {
  const at = vietnamTime(untilIso);
  return new SyncFailure(
    'transient',
    'PLATFORM_RETRY_AFTER',
    `Hệ thống quốc gia đã yêu cầu máy trạm chờ đến ${at} rồi mới gửi tiếp. Các lô đã ký vẫn được giữ an toàn và sẽ được gửi sau thời điểm đó.`,
    `The national platform asked this station to wait until ${at} before sending again. The signed batches are kept safe and go after that.`,
    { details: { until: untilIso } },
  );
}

export function syncCancelled(done: unknown): StationError {
  return new StationError('SYNC_CANCELLED', 'Đã dừng đồng bộ; những gì đã gửi được vẫn được giữ.', 'Sync stopped; what was already sent is kept.', done);
}

/**
 * An auth or config failure that ends a run after some batches went up (a key revoked mid-run):
 * the same failure, also saying what was sent before it, in its messages and in `details.done`.
 * Thrown, it carries no run result, and the person who pressed "sync" saw only the failure.
 */
export function sentBefore(
  e: SyncFailure,
  done: { uploadedBatches: number; failedBatches: number; accepted: number; rejected: number; duplicates: number },
): SyncFailure {
  if (done.uploadedBatches + done.failedBatches === 0) return e;
  const refusedVi = done.failedBatches > 0 ? `; ${done.failedBatches} lô bị từ chối` : '';
  const refusedEn = done.failedBatches > 0 ? `; ${done.failedBatches} batch(es) were refused` : '';
  const details = typeof e.details === 'object' && e.details !== null ? { ...e.details, done } : { done };
  return new SyncFailure(
    e.kind,
    e.code,
    `${e.messageVi} Trước lỗi này, ${done.uploadedBatches} lô đã được gửi và hệ thống quốc gia đã trả lời (${done.accepted} hồ sơ được nhận)${refusedVi}.`,
    `${e.messageEn} Before it, ${done.uploadedBatches} batch(es) were sent and answered (${done.accepted} records accepted)${refusedEn}.`,
    { details, retryAfterMs: e.retryAfterMs, status: e.status },
  );
}

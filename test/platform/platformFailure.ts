/**
 * Every refusal of the simulated platform: an HTTP status, a stable code and a Vietnamese +
 * English message, sent as the PlatformError body of shared/platform/api.ts. The codes are what
 * the station's sync client branches on, so they are listed once here.
 */
import { StationError } from '../../shared/errors.js';
import type { PlatformError } from '../../shared/platform/api.js';

const CATALOG = {
  AUTH_REQUIRED: [401, 'Thiếu khóa API của cơ sở', 'The facility API key is missing'],
  AUTH_INVALID: [401, 'Khóa API không hợp lệ', 'The API key is not valid'],
  NOT_FOUND: [404, 'Không có tài nguyên này', 'No such resource'],
  METHOD_NOT_ALLOWED: [405, 'Phương thức không được hỗ trợ', 'Method not allowed'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Kiểu nội dung không được hỗ trợ', 'Unsupported content type'],
  BODY_TOO_LARGE: [413, 'Nội dung gửi lên quá lớn', 'The request body is too large'],
  CBOR_INVALID: [400, 'Nội dung gửi lên không phải CBOR hợp lệ', 'The request body is not valid CBOR'],
  UPLOAD_BODY_INVALID: [400, 'Nội dung tải lên không đúng định dạng', 'The upload body is not in the expected format'],
  REQUEST_INVALID: [400, 'Yêu cầu không hợp lệ', 'The request is not valid'],
  BATCH_ID_INVALID: [400, 'Mã lô không hợp lệ', 'The batch id is not valid'],
  CURSOR_INVALID: [400, 'Con trỏ phân trang không hợp lệ', 'The page cursor is not valid'],
  MANIFEST_INVALID: [400, 'Bản kê lô ký không hợp lệ', 'The batch manifest is not valid'],
  MANIFEST_MISMATCH: [400, 'Bản kê lô ký không khớp với nội dung gửi lên', 'The batch manifest does not match the upload'],
  ALG_UNSUPPORTED: [400, 'Thuật toán ký không được chấp nhận (chỉ ES256, PS256, RS256)', 'Signature algorithm not accepted (ES256, PS256, RS256 only)'],
  KID_MISMATCH: [400, 'Mã khóa (kid) không khớp với chứng thư ký', 'The key id (kid) does not match the signing certificate'],
  CERT_MISSING: [400, 'Thiếu chứng thư số của cơ sở trong lô ký', 'The facility certificate is missing from the batch'],
  CERT_INVALID: [400, 'Chứng thư số của cơ sở không đọc được', 'The facility certificate cannot be read'],
  CERT_UNTRUSTED: [400, 'Chứng thư số không do tổ chức chứng thực được tin cậy cấp', 'The certificate is not issued by a trusted CA'],
  CERT_EXPIRED: [400, 'Chứng thư số đã hết hạn', 'The certificate has expired'],
  CERT_NOT_YET_VALID: [400, 'Chứng thư số chưa có hiệu lực', 'The certificate is not valid yet'],
  CERT_KEY_USAGE: [400, 'Chứng thư số không được phép dùng để ký', 'The certificate may not be used for signing'],
  CERT_WRONG_FACILITY: [400, 'Chứng thư số không cấp cho cơ sở này (MST khác)', 'The certificate is not issued to this facility (other tax code)'],
  BATCH_SIGNATURE_INVALID: [400, 'Chữ ký của lô không hợp lệ', 'The batch signature is not valid'],
  BATCH_CREATED_IN_FUTURE: [400, 'Thời điểm ký lô ở tương lai (đồng hồ máy trạm sai?)', 'The batch is dated in the future (wrong station clock?)'],
  PROOF_INVALID: [400, 'Bằng chứng Merkle của bản ghi không hợp lệ', 'A record inclusion proof is not valid'],
  RECORD_FORMAT_INVALID: [400, 'Bản ghi đã ký không đúng định dạng', 'A signed record is not in the expected format'],
  BATCH_DUPLICATE_RECORD: [400, 'Một bản ghi xuất hiện hai lần trong lô', 'A record appears twice in the batch'],
  BATCH_ID_REUSED: [409, 'Mã lô đã được dùng cho một lô khác', 'The batch id was already used for another batch'],
  REISSUE_RECORD_UNKNOWN: [404, 'Hệ thống không giữ bản ghi này (hoặc nó đã được đính chính): không cấp lại được chứng nhận', 'The platform holds no such record (or it was corrected): no certificate can be reissued for it'],
  REISSUE_NO_CERTIFICATE: [409, 'Bản ghi này chưa có chứng nhận còn hiệu lực để cấp lại', 'This record has no valid certificate to reissue'],
  PLATFORM_UNAVAILABLE: [503, 'Hệ thống quốc gia tạm thời quá tải, thử lại sau', 'The national platform is busy, retry later'],
  INTERNAL_ERROR: [500, 'Lỗi nội bộ của hệ thống quốc gia', 'Internal error of the national platform'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type PlatformFailureCode = keyof typeof CATALOG;

export class PlatformFailure extends StationError {
  readonly status: number;

  constructor(code: PlatformFailureCode, details?: unknown, overrides?: { vi?: string; en?: string }) {
    const [status, vi, en] = CATALOG[code];
    super(code, overrides?.vi ?? vi, overrides?.en ?? en, details);
    this.name = 'PlatformFailure';
    this.status = status;
  }

  toBody(): Omit<PlatformError, 'details'> & { details?: unknown } {
    const body: Omit<PlatformError, 'details'> & { details?: unknown } = {
      code: this.code,
      message: this.message,
      message_vi: this.messageVi,
      message_en: this.messageEn,
    };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

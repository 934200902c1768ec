import { StationError } from '../errors.js';

/**
 * One stable code per way an HC1 certificate can fail (DESIGN §9, §10). The CLI JSON, the
 * verify screen and the tests match on these codes, never on message text.
 */
export const DCC_ERRORS = {
  INPUT_EMPTY: ['Dữ liệu đầu vào trống', 'The input is empty'],
  INPUT_TOO_LARGE: ['Dữ liệu quá lớn, không thể là mã QR chứng nhận', 'The input is too large to be a certificate QR code'],
  HC1_PREFIX_MISSING: ['Thiếu tiền tố "HC1:" (không phải chứng nhận EU DCC)', 'The "HC1:" prefix is missing (not an EU DCC certificate)'],
  HC1_SEVERAL_CODES: ['Dữ liệu chứa nhiều mã chứng nhận', 'The input holds several certificate codes'],
  BASE45_INVALID: ['Dữ liệu Base45 không hợp lệ', 'Invalid Base45 data'],
  ZLIB_INVALID: ['Dữ liệu nén zlib không hợp lệ', 'Invalid zlib-compressed data'],
  COSE_INVALID: ['Cấu trúc chữ ký COSE không hợp lệ', 'Invalid COSE_Sign1 structure'],
  CWT_INVALID: ['Nội dung CWT của chứng nhận không hợp lệ', 'Invalid CWT claims in the certificate'],
  ALG_UNSUPPORTED: ['Thuật toán chữ ký không được hỗ trợ', 'Unsupported signature algorithm'],
  KID_MISSING: ['Thiếu mã định danh khóa ký (kid)', 'The signing key identifier (kid) is missing'],
  KID_INVALID: ['Mã định danh khóa ký (kid) không hợp lệ', 'The signing key identifier (kid) is not valid'],
  KID_UNKNOWN: ['Khóa ký không có trong danh sách tin cậy', 'The signing key is not in the trust list'],
  SIGNATURE_INVALID: ['Chữ ký không hợp lệ', 'The signature is invalid'],
  KEY_ALG_MISMATCH: [
    'Khóa của chứng thư ký (DSC) không dùng được với thuật toán chữ ký của chứng nhận',
    "The document signer certificate's (DSC) key cannot be used with the certificate's signature algorithm",
  ],
  CWT_NOT_YET_VALID: ['Chứng nhận chưa có hiệu lực tại thời điểm kiểm tra', 'The certificate is not yet valid at the validation time'],
  CWT_EXPIRED: ['Chứng nhận đã hết hạn', 'The certificate has expired'],
  DSC_NOT_VALID: [
    'Thời hạn chứng thư ký (DSC) không bao trùm thời hạn chứng nhận',
    'The document signer certificate (DSC) validity does not cover the certificate validity',
  ],
  KEY_USAGE_MISMATCH: [
    'Chứng thư ký không được phép ký loại chứng nhận này',
    'The document signer certificate may not sign this type of certificate',
  ],
  SCHEMA_INVALID: ['Nội dung chứng nhận không đúng cấu trúc EU DCC', 'The certificate content does not match the EU DCC schema'],
  VALUESET_UNKNOWN: ['Mã không có trong danh mục giá trị EU DCC', 'Code not in the EU DCC value set'],
  // Warnings, not refusals (valueSetCheck.ts, schema.ts).
  DOB_NOT_A_DATE: ['Ngày sinh không phải ngày có thật', 'The date of birth is not a real date'],
  TEST_DEVICE_UNLISTED: ['Bộ xét nghiệm không có trong danh mục của máy trạm', "The test device is not in the station's list"],
  QR_OTHER_CODE_PASSED_OVER: ['Ảnh còn có mã QR khác, đã được bỏ qua', 'The picture holds another QR code too, which was passed over'],
  QR_DATA_TOO_LARGE: ['Dữ liệu quá dài để tạo mã QR', 'The data is too long for a QR code'],
  QR_NOT_FOUND: ['Không tìm thấy mã QR đọc được trong ảnh', 'No readable QR code found in the image'],
  IMAGE_INVALID: ['Ảnh hoặc tệp không hợp lệ hoặc không được hỗ trợ (đọc được PNG, JPEG, PDF)', 'Invalid or unsupported picture or file (PNG, JPEG and PDF are read)'],
  TRUST_INVALID: ['Tệp tin cậy không hợp lệ (cần chứng thư PEM/DER hoặc danh sách JSON)', 'Invalid trust file (expected a PEM/DER certificate or a JSON trust list)'],
} as const satisfies Record<string, readonly [string, string]>;

export type DccErrorCode = keyof typeof DCC_ERRORS;

/** A detail in both languages, appended to the catalogue message ("…: at position 12"). */
export interface Detail {
  vi: string;
  en: string;
}

export function dccError(code: DccErrorCode, detail?: Detail, details?: unknown): StationError {
  const [vi, en] = DCC_ERRORS[code];
  return new StationError(code, detail ? `${vi}: ${detail.vi}` : vi, detail ? `${en}: ${detail.en}` : en, details);
}

export function isDccErrorCode(code: string): code is DccErrorCode {
  return Object.hasOwn(DCC_ERRORS, code);
}

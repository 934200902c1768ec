/**
 * What a signer (the person with the token) is told, as stable codes with Vietnamese and English
 * text (DESIGN §5 token rules, §9). Declared once here: the signer host raises them, the core
 * passes them on, the renderer shows them. Codes never change meaning; add new ones instead.
 */
import { StationError } from '../errors.js';

interface Message {
  vi: string;
  en: string;
}

const M = (vi: string, en: string): Message => ({ vi, en });

export const SIGNER_MESSAGES = {
  // Module discovery (DESIGN §5: show which module was loaded and why a candidate failed).
  MODULE_MISSING: M('Không tìm thấy tệp thư viện PKCS#11', 'The PKCS#11 library file is missing'),
  MODULE_WRONG_ARCHITECTURE: M(
    'Thư viện PKCS#11 không cùng kiến trúc với ứng dụng (32/64-bit)',
    'The PKCS#11 library is built for another architecture (32/64-bit mismatch)',
  ),
  MODULE_NOT_PKCS11: M('Tệp này không phải thư viện PKCS#11 (không có C_GetFunctionList)', 'This file is not a PKCS#11 library (no C_GetFunctionList)'),
  MODULE_LOAD_FAILED: M('Không nạp được thư viện PKCS#11', 'The PKCS#11 library could not be loaded'),
  MODULE_INIT_FAILED: M('Thư viện PKCS#11 không khởi tạo được', 'The PKCS#11 library failed to initialise'),
  MODULE_NOT_FOUND: M(
    'Không tìm thấy trình điều khiển token nào. Hãy cài phần mềm của nhà cung cấp chứng thư số hoặc chỉ định đường dẫn thư viện PKCS#11',
    'No token driver was found: install your CA’s token software or set the PKCS#11 library path',
  ),

  // Tokens.
  TOKEN_NOT_FOUND: M('Không thấy token nào. Hãy cắm token ký số', 'No token found: plug in the signing token'),
  TOKEN_AMBIGUOUS: M('Đang cắm nhiều token. Hãy chọn token cần dùng', 'Several tokens are plugged in: choose one'),
  TOKEN_REMOVED: M('Token đã bị rút ra hoặc mất kết nối. Hãy cắm lại token và đăng nhập lại', 'The token was removed or disconnected: re-insert it and log in again'),
  TOKEN_LOCKED: M('Token đã bị khóa PIN. Hãy liên hệ nhà cung cấp chứng thư số (CA) để mở khóa', 'The token PIN is locked: contact your CA to unlock it'),
  TOKEN_PIN_NOT_INITIALIZED: M('Token chưa được đặt mã PIN người dùng', 'The token has no user PIN set'),
  TOKEN_ERROR: M('Token báo lỗi', 'The token reported an error'),

  // PIN.
  PIN_REQUIRED: M('Cần nhập mã PIN của token', 'The token PIN is required'),
  PIN_LENGTH: M('Độ dài mã PIN không hợp lệ cho token này', 'The PIN length is not valid for this token'),
  PIN_INCORRECT: M('Mã PIN không đúng', 'Wrong PIN'),
  PIN_TO_BE_CHANGED: M(
    'Token yêu cầu đổi mã PIN trước khi dùng (mã PIN mặc định hoặc đã hết hạn). Hãy đổi mã PIN bằng phần mềm quản lý token của nhà cung cấp chứng thư số (CA) rồi ký lại; trạm không gửi mã PIN tới token này',
    'The token requires its PIN to be changed before use (a default or expired PIN): change it with your CA’s token manager, then sign again; the station sends no PIN to this token until then',
  ),
  PIN_CHARACTERS: M(
    'Mã PIN có chữ có dấu hoặc ký tự lạ: có thể bộ gõ tiếng Việt (Unikey, EVKey) đang bật. Hãy tắt bộ gõ rồi nhập lại; mã PIN này chưa được gửi tới token nên không mất lần thử nào',
    'The PIN contains accented letters or unusual characters: a Vietnamese input method (Unikey, EVKey) may be on. Turn it off and type the PIN again; this PIN was not sent to the token, so no try was used',
  ),
  PIN_COUNT_LOW: M('Lần nhập PIN trước đã sai. Hãy kiểm tra kỹ trước khi nhập', 'A previous PIN attempt failed: check the PIN carefully'),
  PIN_FINAL_TRY: M(
    'Đây là lần thử PIN cuối cùng trước khi token bị khóa. Cần xác nhận để tiếp tục',
    'This is the last PIN try before the token locks: confirm to continue',
  ),

  // Certificates (DESIGN §5: checked before signing; refuse with a clear message).
  CERT_NOT_FOUND: M('Không tìm thấy chứng thư số phù hợp trên token', 'No matching certificate on the token'),
  CERT_AFTER_LOGIN: M(
    'Token chưa cho thấy chứng thư số nào trước khi nhập PIN; một số token chỉ cho thấy chứng thư sau khi đăng nhập',
    'No certificate is visible before the PIN is entered; some tokens show theirs only after login',
  ),
  CERT_AMBIGUOUS: M('Token có nhiều chứng thư số dùng được. Hãy chọn một', 'The token holds several usable certificates: choose one'),
  CERT_UNREADABLE: M('Không đọc được chứng thư số trên token', 'The certificate on the token cannot be read'),
  CERT_EXPIRED: M('Chứng thư số đã hết hạn', 'The certificate has expired'),
  CERT_EXPIRES_SOON: M(
    'Chứng thư số sắp hết hạn. Hãy liên hệ nhà cung cấp chứng thư số (CA) để gia hạn, và đồng bộ các lô đã ký trước ngày hết hạn',
    'The certificate expires soon: ask your CA to renew it, and sync the signed batches before it expires',
  ),
  CERT_NOT_YET_VALID: M('Chứng thư số chưa đến ngày có hiệu lực', 'The certificate is not valid yet'),
  CERT_KEY_USAGE: M(
    'Chứng thư số không cho phép ký số (thiếu digitalSignature/nonRepudiation)',
    'The certificate does not allow signing (no digitalSignature or nonRepudiation key usage)',
  ),
  CERT_AUTHENTICATION_ONLY: M(
    'Đây là chứng thư số dùng để xác thực (đăng nhập), không dùng để ký văn bản. Hãy chọn chứng thư ký số trên token',
    'This certificate is for authentication (logging in), not for signing documents: choose the signing certificate on the token',
  ),
  CERT_PERSONAL: M(
    'Đây là chứng thư số cá nhân, không phải chứng thư số tổ chức của cơ sở. Hãy dùng chứng thư số của cơ sở (có UID=MST:…)',
    'This is a personal certificate, not the facility’s organisation certificate: use the facility’s certificate (with UID=MST:…)',
  ),
  CERT_TAX_CODE_MISPLACED: M(
    'Chứng thư số không ghi mã số thuế ở UID=MST:… nên hệ thống quốc gia sẽ từ chối lô ký bằng chứng thư này',
    'The certificate does not carry the tax code as UID=MST:…, so the national platform would refuse batches signed with it',
  ),
  CERT_OTHER_FACILITY: M('Chứng thư số cấp cho đơn vị khác, không phải cơ sở này', 'The certificate was issued to another organisation, not this facility'),
  CERT_FACILITY_NOT_CONFIGURED: M(
    'Chưa cấu hình mã số thuế hoặc tên cơ sở nên không kiểm tra được chứng thư số',
    'The facility tax code or name is not configured, so the certificate cannot be checked',
  ),
  CERT_NO_PRIVATE_KEY: M('Không có khóa bí mật đi kèm chứng thư số này', 'There is no private key for this certificate'),
  CERT_KEY_UNSUPPORTED: M(
    'Khóa không được hỗ trợ (chỉ EC P-256, hoặc RSA từ 2048 bit)',
    'Unsupported key (only EC P-256, or RSA of 2048 bits or more)',
  ),

  // Signing.
  KEY_NOT_ALLOWED_TO_SIGN: M(
    'Khóa này không được phép ký (CKA_SIGN=false). Hãy liên hệ nhà cung cấp chứng thư số (CA)',
    'This key is not allowed to sign (CKA_SIGN=false): contact your CA',
  ),
  SIGN_MECHANISM_UNAVAILABLE: M('Token không hỗ trợ thuật toán ký phù hợp', 'The token offers no usable signing mechanism'),
  SIGNATURE_VERIFY_FAILED: M(
    'Chữ ký do token tạo ra không khớp với chứng thư số. Không lưu chữ ký này',
    'The token’s signature does not verify with its certificate: it was not kept',
  ),

  // The host process, seen from the core.
  SIGNER_HUNG: M(
    'Trình điều khiển token không phản hồi và đã được khởi động lại. Hãy đăng nhập lại',
    'The token driver stopped responding and was restarted: log in again',
  ),
  SIGNER_CRASHED: M('Trình điều khiển token bị dừng đột ngột và đã được khởi động lại. Hãy đăng nhập lại', 'The token driver crashed and was restarted: log in again'),
  SIGNER_UNAVAILABLE: M('Không khởi động được tiến trình ký số', 'The signing process could not be started'),
  SIGNER_BAD_REQUEST: M('Yêu cầu gửi tới tiến trình ký số không hợp lệ', 'Invalid request to the signing process'),
  SIGNER_BAD_REPLY: M('Tiến trình ký số trả lời không hợp lệ', 'Invalid reply from the signing process'),
  SIGNER_INTERNAL: M('Lỗi nội bộ của tiến trình ký số', 'Internal error in the signing process'),
} as const satisfies Record<string, Message>;

export type SignerErrorCode = keyof typeof SIGNER_MESSAGES;

export function signerMessage(code: SignerErrorCode): Message {
  return SIGNER_MESSAGES[code];
}

/** A StationError with the table's text; `suffix` adds specifics (e.g. "4–8 characters"). */
export function signerError(code: SignerErrorCode, details?: Record<string, unknown>, suffix?: { vi: string; en: string }): StationError {
  const m = SIGNER_MESSAGES[code];
  return new StationError(code, suffix ? `${m.vi} (${suffix.vi})` : m.vi, suffix ? `${m.en} (${suffix.en})` : m.en, details);
}

export interface SignerNotice {
  code: SignerErrorCode;
  message_vi: string;
  message_en: string;
}

/** A code + both messages as plain data: certificate problems, token warnings; `suffix` adds specifics. */
export function signerNotice(code: SignerErrorCode, suffix?: { vi: string; en: string }): SignerNotice {
  const m = SIGNER_MESSAGES[code];
  return { code, message_vi: suffix ? `${m.vi} (${suffix.vi})` : m.vi, message_en: suffix ? `${m.en} (${suffix.en})` : m.en };
}

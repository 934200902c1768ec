/**
 * What a QR code or pasted text that is not an HC1 certificate is, in words: a person scanning a
 * link, a Wi-Fi login, a bank's VietQR or a Zalo code by mistake was told only "the HC1: prefix is
 * missing: starts with "http"" (probe 25). Recognised by the published forms: EMVCo merchant QR
 * (payload format "000201", VietQR's NAPAS id A000000727), the Wi-Fi and MECARD/vCard forms phones
 * read, the Vietnamese chip ID card's "12 digits|…" text, SMART Health Cards' "shc:/".
 * Nothing of the text is repeated beyond its kind (an ID card's QR holds a person's data).
 */
import type { ErrorInfo } from '../errors.js';
import { dccError } from './dccErrors.js';

export interface CodeKind {
  vi: string;
  en: string;
}

function host(text: string): string | null {
  try {
    return new URL(text).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The warning beside a certificate read from a picture that held other codes too (a link, a Zalo
 * code): it was passed over, and the user is told what it was, not what it says (probe 26).
 */
export function passedOverWarning(texts: readonly string[]): ErrorInfo | null {
  if (texts.length === 0) return null;
  const kinds = texts.map((t) => otherCodeKind(t) ?? { vi: 'một mã không phải chứng nhận', en: 'a code that is not a certificate' });
  return dccError(
    'QR_OTHER_CODE_PASSED_OVER',
    { vi: `${kinds.map((k) => k.vi).join('; ')}; chỉ mã chứng nhận được kiểm tra`, en: `${kinds.map((k) => k.en).join('; ')}; only the certificate's code was checked` },
    { codes: texts.length },
  ).toInfo();
}

export function otherCodeKind(text: string): CodeKind | null {
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) {
    const h = host(t);
    if (h !== null && /(^|\.)zalo\.me$/.test(h)) return { vi: 'mã QR Zalo (kết bạn hoặc nhóm Zalo)', en: 'a Zalo QR code (a Zalo contact or group)' };
    return { vi: `mã QR của một địa chỉ web${h ? ` (${h})` : ''}`, en: `the QR code of a web address${h ? ` (${h})` : ''}` };
  }
  if (/^WIFI:/i.test(t)) return { vi: 'mã QR đăng nhập mạng Wi-Fi', en: "a Wi-Fi network's login QR code" };
  if (/^000201/.test(t)) {
    if (/A000000727/i.test(t)) return { vi: 'mã VietQR chuyển khoản ngân hàng', en: 'a VietQR bank transfer code' };
    return { vi: 'mã QR thanh toán', en: 'a payment QR code' };
  }
  if (/^(BEGIN:VCARD|MECARD:)/i.test(t)) return { vi: 'mã QR danh thiếp (thông tin liên hệ)', en: 'a contact card (vCard) QR code' };
  if (/^\d{12}\|/.test(t)) return { vi: 'mã QR trên thẻ căn cước công dân (CCCD)', en: "the QR code of a citizen identity card (CCCD)" };
  if (/^shc:\//i.test(t)) return { vi: 'thẻ SMART Health Card (shc:/), loại máy trạm không xác minh', en: 'a SMART Health Card (shc:/), which the station does not verify' };
  if (/^(mailto|tel|sms|smsto|geo):/i.test(t)) return { vi: 'mã QR của một địa chỉ thư, số điện thoại hoặc vị trí', en: 'the QR code of an e-mail address, a phone number or a place' };
  return null;
}

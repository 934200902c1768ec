/**
 * A PDF given to verify: the certificate page the station exported (`certificates export --pdf`),
 * one printed to PDF elsewhere, a scan of several pages. Its pictures are searched for the QR, as a
 * picture is; probe 25: the station's own PDF was "neither a PNG/JPEG image nor HC1 text".
 */
import { dccError } from '../../../shared/dcc/dccErrors.js';
import { isStationError } from '../../../shared/errors.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { decodeImage } from './decodeImage.js';
import { pdfImages } from './pdfImages.js';

const SCREENSHOT = {
  vi: 'hãy mở tệp PDF, chụp màn hình mã QR rồi đưa ảnh đó, hoặc dán văn bản "HC1:"',
  en: 'open the PDF, take a screenshot of the QR code and give that picture, or paste the "HC1:" text',
};
// A QR of version 1 is 21 modules: a smaller picture is an icon or a rule, not a code.
const MIN_SIDE = 21;

/** The HC1 text of the one certificate QR among a PDF's pictures; throws IMAGE_INVALID, QR_NOT_FOUND or HC1_SEVERAL_CODES. */
export function hc1FromPdf(bytes: Uint8Array): string {
  const pdf = pdfImages(bytes, decodeImage);
  if (pdf.encrypted) {
    throw dccError('IMAGE_INVALID', { vi: `tệp PDF được mã hóa hoặc đặt mật khẩu, máy trạm không đọc được hình trong đó; ${SCREENSHOT.vi}`, en: `the PDF is encrypted or password-protected, so the station cannot read its pictures; ${SCREENSHOT.en}` }, { kind: 'pdf', encrypted: true });
  }
  const pictures = pdf.images.filter((img) => img.width >= MIN_SIDE && img.height >= MIN_SIDE);
  const certificates: string[] = [];
  let other: string | undefined;
  for (const img of pictures) {
    let text: string;
    try {
      text = readQrFromRgba(img.data, img.width, img.height);
    } catch (err) {
      if (isStationError(err) && err.code === 'QR_NOT_FOUND') continue;
      throw err;
    }
    if (!/^HC1:/i.test(text)) other ??= text;
    else if (!certificates.includes(text)) certificates.push(text);
  }
  if (certificates.length > 1) {
    throw dccError('HC1_SEVERAL_CODES', { vi: `tệp PDF có ${certificates.length} mã QR chứng nhận khác nhau; hãy xác minh từng mã một (chụp màn hình từng mã)`, en: `the PDF holds ${certificates.length} different certificate QR codes; verify them one at a time (a screenshot of each)` }, { codes: certificates.length });
  }
  const found = certificates[0] ?? other;
  if (found !== undefined) return found;
  if (pictures.length === 0) {
    const skipped = pdf.unsupported.length > 0 ? { vi: ` (hình dạng ${pdf.unsupported.join(', ')} không được hỗ trợ)`, en: ` (pictures as ${pdf.unsupported.join(', ')} are not supported)` } : { vi: '', en: '' };
    throw dccError('QR_NOT_FOUND', { vi: `tệp PDF không có hình nào máy trạm đọc được${skipped.vi}; mã QR có thể được vẽ bằng nét chứ không phải hình; ${SCREENSHOT.vi}`, en: `the PDF has no picture the station can read${skipped.en}; its QR code may be drawn as shapes, not as a picture; ${SCREENSHOT.en}` }, { kind: 'pdf', pictures: 0, unsupported: pdf.unsupported });
  }
  throw dccError('QR_NOT_FOUND', { vi: `không hình nào trong ${pictures.length} hình của tệp PDF có mã QR đọc được; ${SCREENSHOT.vi}`, en: `none of the PDF's ${pictures.length} picture${pictures.length === 1 ? '' : 's'} holds a readable QR code; ${SCREENSHOT.en}` }, { kind: 'pdf', pictures: pictures.length });
}

import { dccError } from '../../../shared/dcc/dccErrors.js';
import { readQrCodesFromRgba, type QrReading } from '../../../shared/qr/decode.js';
import { decodeImage, sniffImageType } from './decodeImage.js';
import { GIVE_INSTEAD, refusedKind, refusedMarkup, sniffFileKind } from './fileKind.js';
import { hc1FromPdf } from './hc1FromPdf.js';
import { isPdf } from './pdfImages.js';

/** Where the HC1 text came from: read off a QR image, or given as text. */
export interface Hc1Input {
  text: string;
  fromImage: boolean;
  /** Other codes beside the certificate in the picture (a link, a Zalo code), for the report's warning. */
  passedOver?: string[];
}

/** A picture's reading as an input; `passedOver` only when there was some. */
export function fromPicture(reading: QrReading): Hc1Input {
  return reading.passedOver.length > 0 ? { text: reading.text, fromImage: true, passedOver: reading.passedOver } : { text: reading.text, fromImage: true };
}

const IMAGE_NAME = /\.(png|jpe?g|gif|bmp|webp|tiff?|heic)$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text files are UTF-8 unless they say otherwise: Windows Notepad's "Unicode" is UTF-16 LE with
 * a byte-order mark (BE for "Unicode big endian"); without one, "HC1:" itself shows which.
 */
function textDecoderFor(bytes: Uint8Array): { decode(input: Uint8Array): string } {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0x48 && b === 0 && c === 0x43 && d === 0)) return new TextDecoder('utf-16le', { fatal: true });
  if ((a === 0xfe && b === 0xff) || (a === 0 && b === 0x48 && c === 0 && d === 0x43)) return new TextDecoder('utf-16be', { fatal: true });
  return strictUtf8;
}

/**
 * The bytes of a verify input (a file, stdin, a pasted image) → the HC1 text. PNG and JPEG are
 * recognised by their magic bytes and their QR code read, a PDF's pictures searched (hc1FromPdf);
 * other bytes must be UTF-8 text. A file
 * named like an image that is none, or binary data, is IMAGE_INVALID; a picture with no readable
 * code is QR_NOT_FOUND. Throws StationError only.
 */
export function hc1FromBytes(bytes: Uint8Array, name = ''): Hc1Input {
  if (sniffImageType(bytes)) {
    const img = decodeImage(bytes);
    return fromPicture(readQrCodesFromRgba(img.data, img.width, img.height));
  }
  if (isPdf(bytes)) return { text: hc1FromPdf(bytes), fromImage: true };
  const refused = refusedKind(sniffFileKind(bytes));
  if (refused !== null) throw refused;
  if (IMAGE_NAME.test(name)) throw dccError('IMAGE_INVALID', { vi: `tệp có tên như ảnh nhưng không phải ảnh nào máy trạm biết (có thể bị hỏng); ${GIVE_INSTEAD.vi}`, en: `the file is named like a picture but is none the station knows (it may be damaged); ${GIVE_INSTEAD.en}` });
  const neither = () => dccError('IMAGE_INVALID', { vi: `tệp không phải ảnh, PDF hay văn bản HC1; ${GIVE_INSTEAD.vi}`, en: `the file is not a picture, a PDF or HC1 text; ${GIVE_INSTEAD.en}` });
  let text: string;
  try {
    text = textDecoderFor(bytes).decode(bytes);
  } catch {
    throw neither();
  }
  if (text.includes('\u0000')) throw neither();
  const markup = refusedMarkup(text);
  if (markup !== null) throw markup;
  return { text: text.replace(/^\uFEFF/, ''), fromImage: false };
}

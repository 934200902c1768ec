import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { dccError } from '../../../shared/dcc/dccErrors.js';

/** An image as RGBA pixels, 4 bytes per pixel, row by row: what the QR reader takes. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
  type: 'png' | 'jpeg';
}

// A phone photo is ~12–50 MP; anything bigger is a decompression bomb, not a certificate.
const MAX_MEGAPIXELS = 60;

export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

function invalid(en: string, vi: string, cause?: unknown) {
  return dccError('IMAGE_INVALID', { vi, en }, cause === undefined ? undefined : { reason: cause instanceof Error ? cause.message : String(cause) });
}

/**
 * A PNG with transparency as it looks on a page: over white. jsQR reads the colour and not the
 * alpha, and a transparent pixel usually stores black: a QR exported with a transparent
 * background (black modules, alpha 0 around) was all black to it (probe 24).
 */
function overWhite(data: Uint8Array): void {
  for (let i = 3; i < data.length; i += 4) {
    const a = data[i]!;
    if (a === 255) continue;
    const white = 255 - a;
    for (let c = i - 3; c < i; c++) data[c] = Math.round((data[c]! * a + 255 * white) / 255);
    data[i] = 255;
  }
}

function decodePng(bytes: Uint8Array): RgbaImage {
  // IHDR sits at a fixed offset: check the size before pngjs allocates the pixel buffer.
  if (bytes.length < 33) throw invalid('truncated PNG', 'ảnh PNG bị cắt cụt');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || (width * height) / 1e6 > MAX_MEGAPIXELS) {
    throw invalid(`PNG size ${width}×${height} is not acceptable`, `kích thước PNG ${width}×${height} không chấp nhận được`);
  }
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
    overWhite(data);
    return { width: png.width, height: png.height, data, type: 'png' };
  } catch (err) {
    throw invalid('the PNG cannot be decoded (damaged or truncated)', 'không giải mã được ảnh PNG (hỏng hoặc bị cắt cụt)', err);
  }
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  try {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 1024 });
    if (!img.width || !img.height || img.data.length < img.width * img.height * 4) throw new Error('empty image');
    return { width: img.width, height: img.height, data: img.data, type: 'jpeg' };
  } catch (err) {
    throw invalid('the JPEG cannot be decoded (damaged or truncated)', 'không giải mã được ảnh JPEG (hỏng hoặc bị cắt cụt)', err);
  }
}

/** PNG or JPEG bytes → RGBA, the type read from the magic bytes; `IMAGE_INVALID` otherwise. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  const type = sniffImageType(bytes);
  if (type === 'png') return decodePng(bytes);
  if (type === 'jpeg') return decodeJpeg(bytes);
  throw invalid('not a PNG or JPEG file', 'không phải tệp PNG hay JPEG');
}

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { dccError } from '../../../shared/dcc/dccErrors.js';

/** An image as RGBA pixels, 4 bytes per pixel, row by row: what the QR reader takes. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
  type: 'png' | 'jpeg' | 'bmp';
}

// A phone photo is ~12–50 MP; anything bigger is a decompression bomb, not a certificate.
const MAX_MEGAPIXELS = 60;

export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | 'bmp' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
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

/**
 * A Windows bitmap (Paint, an old scanner's driver): BITMAPINFOHEADER or later, uncompressed
 * (BI_RGB) at 1, 4, 8 (palette), 24 or 32 bits, or 32-bit BI_BITFIELDS in the usual BGRA order;
 * bottom-up unless its height is negative.
 */
function decodeBmp(bytes: Uint8Array): RgbaImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => invalid('the BMP cannot be decoded (damaged, truncated or compressed)', 'không giải mã được ảnh BMP (hỏng, bị cắt cụt hoặc bị nén)');
  const headerSize = view.getUint32(14, true);
  if (headerSize < 40 || bytes.length < 14 + headerSize) throw damaged();
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const height = Math.abs(rawHeight);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (width <= 0 || height === 0 || (width * height) / 1e6 > MAX_MEGAPIXELS) {
    throw invalid(`BMP size ${width}×${height} is not acceptable`, `kích thước BMP ${width}×${height} không chấp nhận được`);
  }
  if (![1, 4, 8, 24, 32].includes(bits) || !(compression === 0 || (compression === 3 && bits === 32))) throw damaged();
  const offset = view.getUint32(10, true);
  const rowBytes = Math.ceil((width * bits) / 32) * 4;
  if (offset + rowBytes * height > bytes.length) throw damaged();
  const colours = bits <= 8 ? view.getUint32(46, true) || 1 << bits : 0;
  const palette = 14 + headerSize;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let b: number, g: number, r: number;
      if (bits >= 24) {
        const i = row + x * (bits / 8);
        [b, g, r] = [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!];
      } else {
        const bit = x * bits;
        const index = (bytes[row + (bit >> 3)]! >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
        const p = palette + 4 * Math.min(index, colours - 1);
        [b, g, r] = [bytes[p] ?? 0, bytes[p + 1] ?? 0, bytes[p + 2] ?? 0];
      }
      [data[o], data[o + 1], data[o + 2], data[o + 3]] = [r, g, b, 255];
    }
  }
  return { width, height, data, type: 'bmp' };
}

/** PNG, JPEG or BMP bytes → RGBA, the type read from the magic bytes; `IMAGE_INVALID` otherwise. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  const type = sniffImageType(bytes);
  if (type === 'png') return decodePng(bytes);
  if (type === 'jpeg') return decodeJpeg(bytes);
  if (type === 'bmp') return decodeBmp(bytes);
  throw invalid('not a PNG, JPEG or BMP picture', 'không phải ảnh PNG, JPEG hay BMP');
}

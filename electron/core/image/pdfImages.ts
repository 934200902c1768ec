/**
 * The pictures inside a PDF, as RGBA: what the verify input searches for a QR when it is given a
 * PDF (the station's own `certificates export --pdf`, a certificate printed to PDF elsewhere, a
 * scan). A QR on a page is almost always an image XObject (ISO 32000-1 §8.9.5); rendering a page
 * (a QR drawn as vector rectangles) needs a PDF renderer the station does not carry, and that case
 * is told apart so the person is asked for a screenshot.
 *
 * Read: image streams with FlateDecode (with or without PNG predictors, §7.4.4.4) or DCTDecode
 * (JPEG), 1 to 8 bits per component, grey / RGB / CMYK / ICC-based / indexed (an index read as a
 * grey level: a QR's two colours stay two levels, and the reader tries both polarities), an
 * /SMask composited over white (a transparent QR, as a browser prints it). Objects inside object
 * streams are never streams (§7.5.7), so a scan for `obj … stream` finds every image.
 */
import { inflateSync } from 'node:zlib';
import type { RgbaImage } from './decodeImage.js';

/** Why no picture of a PDF could be searched: an encrypted file, or images in a form the station does not decode. */
export interface PdfPictures {
  images: RgbaImage[];
  encrypted: boolean;
  /** Filters of image streams that were skipped (JPXDecode, JBIG2Decode, CCITTFaxDecode, …). */
  unsupported: string[];
}

const MAX_PIXELS = 60e6;
const MAX_IMAGES = 50;

export function isPdf(bytes: Uint8Array): boolean {
  // §7.5.2: the header is in the first line; readers accept it within the first 1024 bytes.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1').includes('%PDF-');
}

interface ImageObject {
  num: number;
  dict: string;
  data: Uint8Array;
}

function streamObjects(bytes: Uint8Array): ImageObject[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: ImageObject[] = [];
  const head = /(\d+)\s+\d+\s+obj\b/g;
  for (let m = head.exec(text); m !== null; m = head.exec(text)) {
    const at = text.indexOf('stream', m.index + m[0].length);
    if (at < 0) break;
    const dict = text.slice(m.index + m[0].length, at);
    if (dict.includes('endobj') || !/\/Subtype\s*\/Image\b/.test(dict)) continue;
    let start = at + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = direct ? start + Number(direct[1]) : -1;
    if (end < 0 || end > text.length || !/^\s*endstream/.test(text.slice(end, end + 20))) {
      end = text.indexOf('endstream', start);
      if (end < 0) continue;
      while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    }
    found.push({ num: Number(m[1]), dict, data: bytes.subarray(start, end) });
    head.lastIndex = end;
  }
  return found;
}

const num = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)`).exec(dict);
  return m ? Number(m[1]) : null;
};

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict);
  return m ? [...m[1]!.matchAll(/\/(\w+)/g)].map((f) => f[1]!) : [];
}

function componentsOf(dict: string): number | null {
  if (/\/ImageMask\s+true/.test(dict)) return 1;
  const cs = /\/ColorSpace\s*(\[\s*\/(\w+)|\/(\w+)|\d+\s+\d+\s+R)/.exec(dict);
  const name = cs?.[2] ?? cs?.[3];
  if (name === 'DeviceGray' || name === 'CalGray' || name === 'Indexed' || name === 'Separation') return 1;
  if (name === 'DeviceRGB' || name === 'CalRGB' || name === 'Lab') return 3;
  if (name === 'DeviceCMYK') return 4;
  return null; // ICCBased or an indirect colour space: told by the data's length
}

/** PNG predictors (§7.4.4.4, RFC 2083 §6): each row starts with its filter type. */
function unpredict(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array | null {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = data.subarray(r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1));
    const row = out.subarray(r * rowBytes, (r + 1) * rowBytes);
    const up = r > 0 ? out.subarray((r - 1) * rowBytes, r * rowBytes) : new Uint8Array(rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = up[i]!;
      const c = i >= bpp ? up[i - bpp]! : 0;
      let pred: number;
      if (type === 0) pred = 0;
      else if (type === 1) pred = a;
      else if (type === 2) pred = b;
      else if (type === 3) pred = (a + b) >> 1;
      else if (type === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else return null;
      row[i] = (src[i]! + pred) & 0xff;
    }
  }
  return out;
}

/** Samples (1–8 bits, `comps` a pixel) → RGBA; CMYK by its complement. */
function toRgba(samples: Uint8Array, width: number, height: number, comps: number, bits: number): RgbaImage | null {
  const rowBytes = Math.ceil((width * comps * bits) / 8);
  if (samples.length < rowBytes * height) return null;
  const data = new Uint8Array(width * height * 4);
  const max = (1 << bits) - 1;
  const sample = (row: number, index: number): number => {
    if (bits === 8) return samples[row * rowBytes + index]!;
    const bit = index * bits;
    const byte = samples[row * rowBytes + (bit >> 3)]!;
    return Math.round((((byte >> (8 - bits - (bit & 7))) & max) * 255) / max);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = (k: number) => sample(y, x * comps + k);
      if (comps === 1) data[o] = data[o + 1] = data[o + 2] = s(0);
      else if (comps === 3) [data[o], data[o + 1], data[o + 2]] = [s(0), s(1), s(2)];
      else {
        const k = s(3);
        [data[o], data[o + 1], data[o + 2]] = [255 - Math.min(255, s(0) + k), 255 - Math.min(255, s(1) + k), 255 - Math.min(255, s(2) + k)];
      }
      data[o + 3] = 255;
    }
  }
  return { width, height, data, type: 'png' };
}

function decodeImageObject(obj: ImageObject, decodeJpeg: (bytes: Uint8Array) => RgbaImage, unsupported: Set<string>): RgbaImage | null {
  const width = num(obj.dict, 'Width');
  const height = num(obj.dict, 'Height');
  if (!width || !height || width * height > MAX_PIXELS) return null;
  const filters = filtersOf(obj.dict);
  if (filters.length === 1 && filters[0] === 'DCTDecode') return decodeJpeg(obj.data);
  if (filters.some((f) => f !== 'FlateDecode' && f !== 'Fl')) {
    for (const f of filters) if (f !== 'FlateDecode' && f !== 'Fl') unsupported.add(f);
    return null;
  }
  const bits = /\/ImageMask\s+true/.test(obj.dict) ? 1 : (num(obj.dict, 'BitsPerComponent') ?? 8);
  if (![1, 2, 4, 8].includes(bits)) return null;
  let samples: Uint8Array = obj.data;
  if (filters.length > 0) {
    try {
      samples = new Uint8Array(inflateSync(obj.data, { maxOutputLength: Math.ceil((width * 4 * bits) / 8 + 1) * height }));
    } catch {
      return null;
    }
  }
  const predictor = num(obj.dict, 'Predictor') ?? 1;
  let comps = componentsOf(obj.dict);
  if (predictor >= 10) comps ??= num(obj.dict, 'Colors');
  // ICC-based colour: 1, 3 or 4 components, whichever the data's length fits.
  comps ??= [1, 3, 4].find((c) => Math.ceil((width * c * bits) / 8) * height === samples.length) ?? null;
  if (comps === null) return null;
  if (predictor >= 10) {
    const unpredicted = unpredict(samples, Math.ceil((width * comps * bits) / 8), Math.max(1, Math.ceil((comps * bits) / 8)));
    if (unpredicted === null) return null;
    samples = unpredicted;
  } else if (predictor !== 1) {
    unsupported.add(`Predictor ${predictor}`);
    return null;
  }
  return toRgba(samples, width, height, comps, bits);
}

/** The image over white through its soft mask (§11.6.5.2), when the mask has the same size. */
function throughMask(img: RgbaImage, mask: RgbaImage): void {
  if (mask.width !== img.width || mask.height !== img.height) return;
  for (let i = 0; i < img.data.length; i += 4) {
    const a = mask.data[i]!;
    for (let c = i; c < i + 3; c++) img.data[c] = Math.round((img.data[c]! * a + 255 * (255 - a)) / 255);
  }
}

/**
 * The PDF's pictures, in file order, those that are soft masks of others left out. An image that
 * cannot be decoded is skipped: a page's logo in an odd form does not hide the QR beside it.
 */
export function pdfImages(bytes: Uint8Array, decodeJpeg: (bytes: Uint8Array) => RgbaImage): PdfPictures {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // §7.6: an encrypted document's streams are ciphertext; only the trailer says so.
  if (/\/Encrypt\s+\d+\s+\d+\s+R/.test(text)) return { images: [], encrypted: true, unsupported: [] };
  const objects = streamObjects(bytes);
  const unsupported = new Set<string>();
  const decoded = new Map<number, RgbaImage | null>();
  const decode = (obj: ImageObject): RgbaImage | null => {
    if (!decoded.has(obj.num)) {
      let img: RgbaImage | null = null;
      try {
        img = decodeImageObject(obj, decodeJpeg, unsupported);
      } catch {
        img = null;
      }
      decoded.set(obj.num, img);
    }
    return decoded.get(obj.num) ?? null;
  };
  const masks = new Set<number>();
  for (const obj of objects) {
    const m = /\/SMask\s+(\d+)\s+\d+\s+R/.exec(obj.dict);
    if (m) masks.add(Number(m[1]));
  }
  const images: RgbaImage[] = [];
  for (const obj of objects) {
    if (masks.has(obj.num) || images.length >= MAX_IMAGES) continue;
    const img = decode(obj);
    if (img === null) continue;
    const maskRef = /\/SMask\s+(\d+)\s+\d+\s+R/.exec(obj.dict);
    const maskObj = maskRef ? objects.find((o) => o.num === Number(maskRef[1])) : undefined;
    const mask = maskObj ? decode(maskObj) : null;
    if (mask !== null) throughMask(img, mask);
    images.push(img);
  }
  return { images, encrypted: false, unsupported: [...unsupported] };
}

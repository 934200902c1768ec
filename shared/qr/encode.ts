import QRCode from 'qrcode';
import { dccError } from '../dcc/dccErrors.js';
import { encodeGreyPng } from './png.js';

/**
 * QR rendering of an HC1 string. Error correction 'Q' (~25 %) is what the hcert spec
 * recommends for printed and screen-shown certificates; qrcode picks alphanumeric mode for the
 * base45 text by itself, as the spec requires. Only `create()` is used: it is pure and runs in
 * the browser too.
 */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrMatrix {
  /** Modules per side (without quiet zone). */
  size: number;
  version: number;
  /** size × size, row by row: 1 = dark module. */
  modules: Uint8Array;
}

export interface QrRenderOptions {
  errorCorrection?: QrErrorCorrection;
  /** Quiet zone in modules; ISO/IEC 18004 asks for 4. */
  margin?: number;
}

export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'Q'): QrMatrix {
  let qr: QRCode.QRCode;
  try {
    qr = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
  } catch (err) {
    throw dccError('QR_DATA_TOO_LARGE', undefined, { reason: err instanceof Error ? err.message : String(err) });
  }
  const size = qr.modules.size;
  return { size, version: qr.version, modules: Uint8Array.from(qr.modules.data, (b) => (b ? 1 : 0)) };
}

export function qrToSvg(text: string, opts: QrRenderOptions & { moduleSize?: number } = {}): string {
  const { size, modules } = qrMatrix(text, opts.errorCorrection);
  const margin = opts.margin ?? 4;
  const full = size + 2 * margin;
  const px = full * (opts.moduleSize ?? 4);
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules[y * size + x]) continue;
      let run = 1;
      while (x + run < size && modules[y * size + x + run]) run++;
      d += `M${x + margin} ${y + margin}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" width="${px}" height="${px}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/** A greyscale PNG, `scale` pixels per module, with a `margin`-module white quiet zone. */
export function qrToPng(text: string, opts: QrRenderOptions & { scale?: number } = {}): Uint8Array {
  const { size, modules } = qrMatrix(text, opts.errorCorrection);
  const scale = Math.max(1, Math.floor(opts.scale ?? 4));
  const margin = opts.margin ?? 4;
  const side = (size + 2 * margin) * scale;
  const grey = new Uint8Array(side * side).fill(255);
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      if (!modules[my * size + mx]) continue;
      const x0 = (mx + margin) * scale;
      for (let y = (my + margin) * scale, yEnd = y + scale; y < yEnd; y++) grey.fill(0, y * side + x0, y * side + x0 + scale);
    }
  }
  return encodeGreyPng(side, side, grey);
}

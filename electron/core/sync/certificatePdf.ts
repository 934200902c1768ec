/**
 * `station certificates export --pdf`: one A4 page with the 11 certificate fields (bilingual
 * labels) and the QR code, written as a small PDF 1.4 by hand (ISO 32000-1 §7: header, objects,
 * xref table, trailer) so the CLI needs no PDF library. The QR is an 8-bit DeviceGray image
 * XObject, one pixel per module, scaled by the page matrix with interpolation off (sharp edges).
 *
 * Text is written in DejaVu Sans, embedded as a subset (pdfFonts.ts), so Vietnamese keeps every
 * mark ("Đặng Thị Ngọc Hân", not "Dang Thi Ngoc Han", until session 28). A value in a script the
 * font lacks (a name in Han characters) is given by its ICAO reading, and the page says so.
 * Should the font files be missing, the page falls back to Helvetica, transliterated, as before.
 */
import { deflateSync } from 'node:zlib';
import type { CertificateField } from '../../../shared/domain/certificateFields.js';
import { qrMatrix } from '../../../shared/qr/encode.js';
import { literalString, pageFonts, pdfStream, type PageFont, type PageFonts } from './pdfFonts.js';

export { pdfText } from './pdfFonts.js';

const A4 = { width: 595.28, height: 841.89 };
const QR_MARGIN_MODULES = 4;

/** `text` in lines no wider than `width` at `size` in `font`: broken at spaces, and inside a word too long for a line. */
export function wrapText(text: string, size: number, width: number, font: PageFont): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => font.width(t, size) <= width;
  const push = (word: string) => {
    const next = line === '' ? word : `${line} ${word}`;
    if (fits(next)) {
      line = next;
      return;
    }
    if (line !== '') lines.push(line);
    line = '';
    // A word wider than the line (a 60-letter surname, an ICAO name with its <): cut where it
    // fills it, between characters (never inside a surrogate pair).
    let rest = Array.from(word);
    while (!fits(rest.join(''))) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut).join(''))) cut--;
      lines.push(rest.slice(0, cut).join(''));
      rest = rest.slice(cut);
    }
    line = rest.join('');
  };
  for (const word of text.normalize('NFC').split(' ')) push(word);
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function qrImage(hc1: string): { side: number; pixels: Uint8Array } {
  const { size, modules } = qrMatrix(hc1, 'Q');
  const side = size + 2 * QR_MARGIN_MODULES;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules[y * size + x]) pixels[(y + QR_MARGIN_MODULES) * side + x + QR_MARGIN_MODULES] = 0;
    }
  }
  return { side, pixels };
}

/** The page's text width: 50 pt margins on A4. */
const LINE_WIDTH = A4.width - 100;
const RIGHT_MARGIN = A4.width - 50;

/**
 * A QR module's side is a whole number of 0.48 pt steps: one pixel at 150 dpi, two at 300, four at
 * 600, so a printer or a rendering gives every module the same number of dots. A fixed 180 pt QR
 * gave a long HC1 (a foreign name at its 80 characters, an RSA signature: ~160 modules) 1.1 pt
 * modules, uneven at those resolutions, which the station's own reader could not find again in a
 * 150 or 200 dpi rendering. Modules are at least 1.44 pt (0.5 mm): the QR grows past 180 pt for a
 * long HC1 (up to 266 pt at version 40) and the fields below make room.
 */
const QR_STEP = 0.48;
export function qrModuleSide(side: number): number {
  return QR_STEP * Math.max(3, Math.floor(180 / side / QR_STEP));
}

/** The QR's top edge, from the page's top: a whole number of steps, so its modules start on a pixel too. */
const QR_TOP = 200 * QR_STEP;
/** The lowest baseline a field or the revoked finding may take: the note lines are below it. */
const FIELDS_FLOOR = 54;

/** What a revoked certificate's page carries, printed only on an explicit ask (`--even-if-revoked`). */
export interface RevokedMark {
  /** The finding in both languages: when, and what replaced it. */
  lines: readonly string[];
}

const REVOKED_MARK_TEXT = 'ĐÃ THU HỒI / REVOKED';

type TextLine = { font: 'F1' | 'F2'; size: number; y: number; s: string; grey: number; red?: boolean };

/**
 * The fields (and a revoked certificate's finding) as lines from `top` down, at `scale` of their
 * usual sizes. Returns the lines and the lowest baseline.
 */
function fieldLines(fonts: PageFonts, fields: readonly CertificateField[], revoked: RevokedMark | null, top: number, scale: number): { lines: TextLine[]; bottom: number; icao: boolean } {
  const lines: TextLine[] = [];
  const k = (n: number) => Math.round(n * scale * 100) / 100;
  let y = top;
  let icao = false;
  let bottom = top;
  const put = (font: 'F1' | 'F2', size: number, s: string, grey: number, advance: number, red = false) => {
    lines.push({ font, size: k(size), y, s, grey, ...(red ? { red } : {}) });
    bottom = y;
    y -= k(advance);
  };
  for (const f of fields) {
    put('F1', 8, `${f.labelVi} / ${f.labelEn}`, 0.35, 12);
    const value = f.valueEn !== undefined ? `${f.value} / ${f.valueEn}` : f.value;
    // A value the font cannot show at all (a name in Han script) is given by its ICAO reading.
    const shown = f.detail !== undefined && !fonts.bold.canShow(value) ? f.detail : value;
    if (shown !== value) icao = true;
    for (const line of wrapText(shown, k(10.5), LINE_WIDTH, fonts.bold)) put('F2', 10.5, line, 0, 12.5);
    if (f.detail !== undefined && shown !== f.detail) {
      for (const line of wrapText(f.detail, k(8), LINE_WIDTH, fonts.regular)) put('F1', 8, line, 0.35, 10);
    }
    y -= k(6);
  }
  if (revoked !== null) {
    // Under the fields, never over them (at a fixed height it ran into the certificate id under a long name).
    y -= k(4);
    for (const line of revoked.lines.flatMap((l) => wrapText(l, k(8), LINE_WIDTH, fonts.bold))) put('F2', 8, line, 0, 10, true);
  }
  return { lines, bottom, icao };
}

function pageContent(fonts: PageFonts, fields: readonly CertificateField[], qr: { size: number; x: number; y: number }, revoked: RevokedMark | null): { ops: string; icao: boolean } {
  const ops: string[] = [];
  const faces = { F1: fonts.regular, F2: fonts.bold };
  const text = (font: 'F1' | 'F2', size: number, x: number, y: number, s: string, grey = 0) =>
    ops.push(`BT /${font} ${num(size)} Tf ${grey} g ${num(x)} ${num(y)} Td ${faces[font].operand(s)} Tj ET`);
  text('F2', 15, 50, 790, 'GIẤY CHỨNG NHẬN TIÊM CHỦNG COVID-19');
  text('F1', 12, 50, 772, 'COVID-19 VACCINATION CERTIFICATE');
  text('F1', 9, 50, 756, 'Bộ Y tế / Ministry of Health of Viet Nam', 0.3);
  ops.push(`q ${num(qr.size)} 0 0 ${num(qr.size)} ${num(qr.x)} ${num(qr.y)} cm /Im1 Do Q`);
  // Every line inside the page: a value wraps at the margin, and a field's detail (the ICAO name)
  // has a line of its own under it (probe 15: beside the label it ran off the page past ~36
  // characters). Fields that would run into the note below (the longest names, a big QR, a
  // revoked finding) are written smaller, in 5% steps, until they fit.
  let laid = fieldLines(fonts, fields, revoked, qr.y - 24, 1);
  for (let scale = 0.95; laid.bottom < FIELDS_FLOOR && scale >= 0.5; scale -= 0.05) laid = fieldLines(fonts, fields, revoked, qr.y - 24, scale);
  for (const l of laid.lines) {
    if (l.red) ops.push(`BT /F2 ${num(l.size)} Tf 0.8 0 0 rg 50 ${num(l.y)} Td ${fonts.bold.operand(l.s)} Tj ET`);
    else text(l.font, l.size, 50, l.y, l.s, l.grey);
  }
  const icao = laid.icao;
  const note = [
    ...(fonts.full ? [] : ['Tệp PDF này ghi tiếng Việt không dấu; hãy in từ màn hình chứng nhận để có đủ dấu.', 'Vietnamese is shown without diacritics in this PDF; print from the certificate screen for the full text.']),
    ...(icao ? ['Tên viết bằng chữ khác chữ Latinh được ghi theo cách viết ICAO.', 'A name in another script is given as ICAO spells it.'] : []),
  ];
  note.forEach((line, i) => text('F1', 7, 50, 36 - i * 9, line, 0.4));
  if (revoked !== null) {
    // Across the QR, in red, so a scan of the paper is not taken on trust by whoever holds it:
    // centred on it and sized to its height, so it stays off the heading, the mark beside it and
    // the fields (from the QR's corner it ran into the heading's mark).
    const cos = Math.cos(Math.PI / 6);
    const sin = Math.sin(Math.PI / 6);
    const perPoint = fonts.bold.width(REVOKED_MARK_TEXT, 1);
    const size = qr.size / (perPoint * sin + 0.73 * cos);
    const cx = qr.x + qr.size / 2 - ((perPoint * size) / 2) * cos + ((0.73 * size) / 2) * sin;
    const cy = qr.y + qr.size / 2 - ((perPoint * size) / 2) * sin - ((0.73 * size) / 2) * cos;
    ops.push(`BT /F2 ${num(size)} Tf 0.8 0 0 rg ${num(cos)} ${num(sin)} ${num(-sin)} ${num(cos)} ${num(cx)} ${num(cy)} Tm ${fonts.bold.operand(REVOKED_MARK_TEXT)} Tj ET`);
    // Beside the heading, ending at the right margin (at x 400 it ran past it).
    ops.push(`BT /F2 13 Tf 0.8 0 0 rg ${num(RIGHT_MARGIN - fonts.bold.width(REVOKED_MARK_TEXT, 13))} 772 Td ${fonts.bold.operand(REVOKED_MARK_TEXT)} Tj ET`);
  }
  return { ops: ops.join('\n'), icao };
}

/** A PDF text string (§7.9.2.2): ASCII as a literal, anything else as UTF-16BE with its byte order mark. */
function textString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return literalString(text);
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/**
 * The PDF bytes for one certificate. `fonts`: the page's fonts (pdfFonts.ts pageFonts(), the
 * default: DejaVu embedded when its files are there); `standardFonts()` writes the Helvetica page.
 */
export function certificatePdf(input: { fields: readonly CertificateField[]; hc1: string; title?: string; createdAt: Date; revoked?: RevokedMark; fonts?: PageFonts }): Uint8Array {
  const fonts = input.fonts ?? pageFonts();
  const qr = qrImage(input.hc1);
  const qrSize = qr.side * qrModuleSide(qr.side);
  // Centred, its left and top edges on whole steps (the top counted from the page's top edge).
  const qrX = QR_STEP * Math.round((A4.width - qrSize) / 2 / QR_STEP);
  const qrY = A4.height - QR_TOP - qrSize;
  const content = Buffer.from(pageContent(fonts, input.fields, { size: qrSize, x: qrX, y: qrY }, input.revoked ?? null).ops, 'latin1');
  const image = deflateSync(qr.pixels);
  const date = input.createdAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);

  // Objects 1–5 as always (catalog, pages, page, image, content), then each font's own, then the
  // document information last (the trailer's /Info).
  const FIRST_FONT = 6;
  const regular = fonts.regular.objects((i) => FIRST_FONT + i);
  const boldAt = FIRST_FONT + regular.length;
  const bold = fonts.bold.objects((i) => boldAt + i);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(A4.width)} ${num(A4.height)}] /Resources << /Font << /F1 ${FIRST_FONT} 0 R /F2 ${boldAt} 0 R >> /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>`, 'latin1'),
    pdfStream(`/Type /XObject /Subtype /Image /Width ${qr.side} /Height ${qr.side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode`, image),
    pdfStream('', content),
    ...regular,
    ...bold,
    Buffer.from(`<< /Title ${textString(input.title ?? 'COVID-19 vaccination certificate')} /Producer (Vaccine passport signing station) /CreationDate (D:${date}Z) >>`, 'latin1'),
  ];

  // A binary comment after the header marks the file as binary for transfer tools (§7.5.2).
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    offset += obj.length;
  });
  // xref entries are exactly 20 bytes each: 10-digit offset, 5-digit generation, type, CR LF (§7.5.4).
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f\r\n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * `station certificates export --pdf`: one A4 page with the 11 certificate fields (bilingual
 * labels) and the QR code, written as a small PDF 1.4 by hand (ISO 32000-1 §7: header, objects,
 * xref table, trailer) so the CLI needs no PDF library. The QR is an 8-bit DeviceGray image
 * XObject, one pixel per module, scaled by the page matrix with interpolation off (sharp edges).
 *
 * Text uses the standard Helvetica font with WinAnsiEncoding, which has no Vietnamese letters
 * (ơ, ư, ạ, ế, ...): values are written transliterated (diacritics removed, đ → d), and the page
 * says so. The full-fidelity path is the renderer's print-to-PDF of the certificate screen.
 */
import { deflateSync } from 'node:zlib';
import type { CertificateField } from '../../../shared/domain/certificateFields.js';
import { qrMatrix } from '../../../shared/qr/encode.js';

const A4 = { width: 595.28, height: 841.89 };
const QR_MARGIN_MODULES = 4;

/** Letters with no decomposition to a base letter that WinAnsi lacks: their ICAO 9303 reading. */
const SPELLED: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Œ: 'OE', œ: 'oe', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', ẞ: 'SS',
  // Typographic punctuation (Word and phones type ’ for '; ʼ ʻ are the apostrophe letters): a '?'
  // in a name made the page print its ICAO reading alone ("Ksor H’Bla" as KSOR<<HBLA).
  '’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '…': '...',
};

/**
 * Text → what Helvetica with WinAnsiEncoding shows: đ → d and every combining mark dropped (so
 * Vietnamese is written without diacritics, as the page says), the Latin-1 letters WinAnsi has
 * (ß, Ø, Æ, Þ) kept, a few others spelled as ICAO does (Ł → L); anything else is '?'.
 */
export function pdfText(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, (c) => SPELLED[c] ?? '?');
}

/** A PDF literal string (§7.3.4.2): backslash, parentheses escaped; bytes as WinAnsi (Latin-1 here). */
function literal(text: string): string {
  return `(${pdfText(text).replace(/[\\()]/g, (m) => `\\${m}`)})`;
}

/**
 * Helvetica's advance widths (1/1000 em; bold within a few percent), by character class — enough
 * to wrap a line before the page edge. Unlisted characters count as the widest letter, so an
 * estimate errs toward wrapping early.
 */
const NARROW = /[ijlI.,;:'!|`]/;
const THIN = /[ frt()\-\[\]/]/;
const WIDE = /[mwMW@%ÆŒæœ]/;

function textWidth(text: string, size: number): number {
  let units = 0;
  for (const c of text) {
    if (NARROW.test(c)) units += 278;
    else if (THIN.test(c)) units += 389;
    else if (WIDE.test(c)) units += 944;
    else if (/[A-Z0-9#<]/.test(c)) units += 722;
    else units += 611;
  }
  return (units * size) / 1000;
}

/** `text` in lines no wider than `width` at `size`: broken at spaces, and inside a word too long for a line. */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next, size) <= width) {
      line = next;
      return;
    }
    if (line !== '') lines.push(line);
    line = '';
    // A word wider than the line (a 60-letter surname, an ICAO name with its <): cut where it fills it.
    let rest = word;
    while (textWidth(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && textWidth(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  };
  for (const word of pdfText(text).split(' ')) push(word);
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

/** What a revoked certificate's page carries, printed only on an explicit ask (`--even-if-revoked`). */
export interface RevokedMark {
  /** The finding in both languages: when, and what replaced it. */
  lines: readonly string[];
}

const REVOKED_MARK_TEXT = 'ĐÃ THU HỒI / REVOKED';

function pageContent(fields: readonly CertificateField[], qrSize: number, qrX: number, qrY: number, note: readonly string[], revoked: RevokedMark | null): string {
  const ops: string[] = [];
  const text = (font: 'F1' | 'F2', size: number, x: number, y: number, s: string, grey = 0) =>
    ops.push(`BT /${font} ${size} Tf ${grey} g ${num(x)} ${num(y)} Td ${literal(s)} Tj ET`);
  text('F2', 15, 50, 790, 'GIẤY CHỨNG NHẬN TIÊM CHỦNG COVID-19');
  text('F1', 12, 50, 772, 'COVID-19 VACCINATION CERTIFICATE');
  text('F1', 9, 50, 756, 'Bộ Y tế / Ministry of Health of Viet Nam', 0.3);
  ops.push(`q ${num(qrSize)} 0 0 ${num(qrSize)} ${num(qrX)} ${num(qrY)} cm /Im1 Do Q`);
  // Every line inside the page: a value wraps at the margin, and a field's detail (the ICAO name)
  // has a line of its own under it (probe 15: beside the label it ran off the page past ~36 characters).
  let y = qrY - 24;
  for (const f of fields) {
    text('F1', 8, 50, y, `${f.labelVi} / ${f.labelEn}`, 0.35);
    y -= 12;
    const value = f.valueEn !== undefined ? `${f.value} / ${f.valueEn}` : f.value;
    // A value the font cannot show at all (a name in Han script) is given by its ICAO reading.
    const shown = f.detail !== undefined && pdfText(value).includes('?') && !value.includes('?') ? f.detail : value;
    for (const line of wrapText(shown, 10.5, LINE_WIDTH)) {
      text('F2', 10.5, 50, y, line);
      y -= 12.5;
    }
    if (f.detail !== undefined && shown !== f.detail) {
      for (const line of wrapText(f.detail, 8, LINE_WIDTH)) {
        text('F1', 8, 50, y, line, 0.35);
        y -= 10;
      }
    }
    y -= 6;
  }
  note.forEach((line, i) => text('F1', 7, 50, 36 - i * 9, line, 0.4));
  if (revoked !== null) {
    // Across the QR, in red, so a scan of the paper is not taken on trust by whoever holds it;
    // and the finding above the note, where the page has room under the fields.
    const cos = Math.cos(Math.PI / 6);
    const sin = Math.sin(Math.PI / 6);
    ops.push(`BT /F2 30 Tf 0.8 0 0 rg ${num(cos)} ${num(sin)} ${num(-sin)} ${num(cos)} ${num(qrX - 70)} ${num(qrY + 20)} Tm ${literal(REVOKED_MARK_TEXT)} Tj ET`);
    ops.push(`BT /F2 13 Tf 0.8 0 0 rg 400 772 Td ${literal(REVOKED_MARK_TEXT)} Tj ET`);
    let ry = 100;
    for (const line of revoked.lines.flatMap((l) => wrapText(l, 8, LINE_WIDTH))) {
      ops.push(`BT /F2 8 Tf 0.8 0 0 rg 50 ${num(ry)} Td ${literal(line)} Tj ET`);
      ry -= 10;
    }
  }
  return ops.join('\n');
}

/** The PDF bytes for one certificate. */
export function certificatePdf(input: { fields: readonly CertificateField[]; hc1: string; title?: string; createdAt: Date; revoked?: RevokedMark }): Uint8Array {
  const qr = qrImage(input.hc1);
  const qrSize = 180;
  const qrX = (A4.width - qrSize) / 2;
  const qrY = 566;
  const note = [
    'Tệp PDF này ghi tiếng Việt không dấu, và tên bằng chữ khác chữ Latinh theo cách viết ICAO; hãy in từ màn hình chứng nhận để có đủ dấu.',
    'Vietnamese is shown without diacritics in this PDF, and names in other scripts as ICAO spells them; print from the certificate screen for the full text.',
  ];
  const content = Buffer.from(pageContent(input.fields, qrSize, qrX, qrY, note, input.revoked ?? null), 'latin1');
  const image = deflateSync(qr.pixels);
  const date = input.createdAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);

  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(A4.width)} ${num(A4.height)}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 7 0 R >>`, 'latin1'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', 'latin1'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>', 'latin1'),
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${qr.side} /Height ${qr.side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode /Length ${image.length} >>\nstream\n`, 'latin1'),
      image,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
    Buffer.from(`<< /Title ${literal(input.title ?? 'COVID-19 vaccination certificate')} /Producer (Vaccine passport signing station) /CreationDate (D:${date}Z) >>`, 'latin1'),
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

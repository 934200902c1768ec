// The A4 certificate PDF written by hand (ISO 32000-1): a structure any reader accepts — header,
// objects at the offsets the xref table gives, trailer, %%EOF — with the 11 fields as text and the
// QR as an image that inflates to the code. These tests write the page with the standard font
// (Helvetica, Vietnamese transliterated: the fallback when the DejaVu files are missing);
// certificatePdfFonts.test.ts reads the usual page, DejaVu embedded, with poppler.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_UVCI, certificateDose, certificatePerson } from '../../fixtures/certificateSample.js';
import { certificateFields } from '../../../shared/domain/certificateFields.js';
import { qrMatrix } from '../../../shared/qr/encode.js';
import { certificatePdf as withFonts, pdfText } from '../../../electron/core/sync/certificatePdf.js';
import { standardFonts } from '../../../electron/core/sync/pdfFonts.js';

const certificatePdf = (input: Omit<Parameters<typeof withFonts>[0], 'fonts'>) => withFonts({ ...input, fonts: standardFonts() });

const person = certificatePerson;
const dose = certificateDose();
const uvci = CERTIFICATE_UVCI;
const hc1 = `HC1:${'6BF'.repeat(120)}`;

function parse(pdf: Uint8Array) {
  const text = Buffer.from(pdf).toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const xref = text.slice(startxref);
  const size = Number(/\/Size (\d+)/.exec(xref)![1]);
  const offsets = [...xref.matchAll(/^(\d{10}) 00000 n\r\n/gm)].map((m) => Number(m[1]));
  return { text, startxref, size, offsets };
}

describe('certificate PDF, standard font', () => {
  const fields = certificateFields(person, [dose], { uvci });
  const pdf = certificatePdf({ fields, hc1, title: uvci, createdAt: new Date('2026-03-01T10:00:00Z') });
  const { text, startxref, size, offsets } = parse(pdf);

  it('is a PDF 1.4 file whose xref offsets each point at their object', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    expect(offsets).toHaveLength(size - 1);
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/Root 1 0 R/);
  });

  it('writes the 11 fields, transliterated, with bilingual labels', () => {
    expect(fields).toHaveLength(11);
    for (const f of fields) {
      expect(text).toContain(`(${pdfText(`${f.labelVi} / ${f.labelEn}`)})`);
      expect(text).toContain(pdfText(f.value).replace(/[\\()]/g, (m) => `\\${m}`));
    }
    expect(text).toContain('(Dang Thi Ngoc Han)');
    expect(text).toContain(uvci);
  });

  it('embeds the QR as a grey image, one pixel per module with a 4-module quiet zone', () => {
    const m = /\/Width (\d+) \/Height (\d+) .*?\/Length (\d+) >>\nstream\n/s.exec(text)!;
    const side = Number(m[1]);
    const start = m.index + m[0].length;
    const pixels = inflateSync(Buffer.from(pdf.subarray(start, start + Number(m[3]))));
    const qr = qrMatrix(hc1, 'Q');
    expect(side).toBe(qr.size + 8);
    expect(pixels.length).toBe(side * side);
    for (let y = 0; y < qr.size; y += 7) {
      for (let x = 0; x < qr.size; x += 3) expect(pixels[(y + 4) * side + x + 4]).toBe(qr.modules[y * qr.size + x] ? 0 : 255);
    }
  });

  it('transliterates Vietnamese for the standard font and escapes PDF string delimiters', () => {
    expect(pdfText('Nguyễn Văn Đức (Hà Nội)')).toBe('Nguyen Van Duc (Ha Noi)');
    expect(pdfText('漢字 ✓')).toBe('?? ?');
    const tricky = certificatePdf({ fields: [{ key: 'k', labelVi: 'a\\b', labelEn: '(x)', value: ')(' }], hc1, createdAt: new Date() });
    expect(Buffer.from(tricky).toString('latin1')).toContain('(a\\\\b / \\(x\\))');
  });

  it('keeps the Latin-1 letters WinAnsi has, spells a few others as ICAO does (probe 15: "Stra?e-?vergaard ?ukasz")', () => {
    expect(pdfText('Straße-Øvergaard Łukasz Jürgen')).toBe('Straße-Øvergaard Lukasz Jurgen');
    expect(pdfText('Þórunn Ægisdóttir')).toBe('Þorunn Ægisdottir');
  });

  it('keeps every line inside the page: long values wrap, the ICAO name has its own line, a name in Han script is given in ICAO letters', () => {
    const longName = 'Công Tằng Tôn Nữ Thị Huyền Trang Nguyễn Phước Bảo Ngọc Khánh Linh Diệu Hiền Thục Quyên Anh Thư Minh Châu Như Ý';
    const long = certificateFields({ ...person, fullName: longName, familyName: 'Công Tằng Tôn Nữ', givenName: longName.slice(17), fnt: 'CONG<TANG<TON<NU', gnt: 'THI<HUYEN<TRANG<NGUYEN<PHUOC<BAO<NGOC<KHANH<LINH<DIEU<HIEN<THUC<QUYEN<ANH<THU<MINH' }, [dose], { uvci });
    const text = Buffer.from(certificatePdf({ fields: long, hc1, createdAt: new Date() })).toString('latin1');
    const lines = [...text.matchAll(/\/F(\d) ([\d.]+) Tf [\d.]+ g ([\d.]+) ([\d.]+) Td \((.*?)\) Tj ET/g)].map((m) => ({ size: Number(m[2]), x: Number(m[3]), y: Number(m[4]), s: m[5]! }));
    // Nothing written beside a label any more, and the name over more than one line.
    expect(lines.every((l) => l.x === 50)).toBe(true);
    const nameLines = lines.filter((l) => l.size === 10.5 && longName.startsWith(l.s.slice(0, 3)) || l.s.startsWith('Cong Tang'));
    expect(nameLines.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('(CONG<TANG<TON<NU<<THI<HUYEN');
    // At most ~85 Helvetica characters fit 495 pt at 10.5 pt even for narrow text: every value line is shorter.
    for (const l of lines.filter((x) => x.size === 10.5)) expect(l.s.length, l.s).toBeLessThanOrEqual(95);
    // The lowest line is above the note.
    expect(Math.min(...lines.filter((l) => l.size >= 8).map((l) => l.y))).toBeGreaterThan(60);

    const han = certificateFields({ ...person, fullName: '王 小明', familyName: '王', givenName: '小明', fnt: 'WANG', gnt: 'XIAOMING', nationality: 'CN' }, [dose], { uvci });
    const hanText = Buffer.from(certificatePdf({ fields: han, hc1, createdAt: new Date() })).toString('latin1');
    expect(hanText).toContain('Td (WANG<<XIAOMING) Tj');
    expect(hanText).not.toContain('(? ??)');
  });

  it('prints a name with a typographic apostrophe (Word writes ’), not only its ICAO reading (probe 25: "Ksor H’Bla" gave KSOR<<HBLA alone)', () => {
    const ede = certificateFields({ ...person, fullName: 'Ksor H’Bla', familyName: 'Ksor', givenName: 'H’Bla', fnt: 'KSOR', gnt: 'HBLA' }, [dose], { uvci });
    const text = Buffer.from(certificatePdf({ fields: ede, hc1, createdAt: new Date() })).toString('latin1');
    expect(text).toContain("Td (Ksor H'Bla) Tj");
    expect(text).toContain('Td (KSOR<<HBLA) Tj');
    expect(pdfText('H‘Bla “Hen” Niê – Y ʼBlang ʻA — x')).toBe('H\'Bla "Hen" Nie - Y \'Blang \'A - x');
  });
});

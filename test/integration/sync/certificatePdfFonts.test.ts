// The certificate PDF as `station certificates export --pdf` writes it: DejaVu Sans embedded as a
// subset, so Vietnamese keeps every mark. Read back by independent tools: poppler's pdffonts and
// pdftotext (through the embedded fonts' ToUnicode maps), and pdftoppm rendering the page, whose
// QR the station's own image reader must still find.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_UVCI, certificateDose, certificatePerson } from '../../fixtures/certificateSample.js';
import { certificateFields, type CertificateField } from '../../../shared/domain/certificateFields.js';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { certificatePdf } from '../../../electron/core/sync/certificatePdf.js';
import { popplerFonts, popplerText } from '../../fixtures/popplerText.js';

const VN = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
const dir = mkdtempSync(join(tmpdir(), 'station-pdf-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const person = certificatePerson;
const dose = certificateDose();
const uvci = CERTIFICATE_UVCI;

let n = 0;
function written(fields: readonly CertificateField[], hc1 = VN, revoked?: { lines: string[] }): string {
  const path = join(dir, `c${n++}.pdf`);
  writeFileSync(path, certificatePdf({ fields, hc1, title: uvci, createdAt: new Date('2026-03-01T10:00:00Z'), ...(revoked ? { revoked } : {}) }));
  return path;
}

/** Every Vietnamese letter: the 12 vowels with each of the 6 tones, đ, in both cases. */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const LETTERS = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))), 'đ'];

describe('the certificate PDF with its fonts embedded', () => {
  const fields = certificateFields(person, [dose], { uvci });
  const path = written(fields);

  it('embeds DejaVu Sans and DejaVu Sans Bold as subset CID TrueType fonts with a ToUnicode map', () => {
    const fonts = popplerFonts(path);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const f of fonts) expect(f).toMatchObject({ type: 'CID TrueType', encoding: 'Identity-H', embedded: true, subset: true, unicode: true });
    // A subset: the page's glyphs, not the two 700 kB fonts.
    expect(readFileSync(path).length).toBeLessThan(120_000);
  });

  it('writes the 11 fields as the records say them, with their marks, and no note about diacritics', () => {
    const text = popplerText(path);
    expect(text).toContain('GIẤY CHỨNG NHẬN TIÊM CHỦNG COVID-19');
    expect(text).toContain('Bộ Y tế / Ministry of Health of Viet Nam');
    for (const f of fields) {
      expect(text).toContain(`${f.labelVi} / ${f.labelEn}`);
      expect(text).toContain(f.valueEn !== undefined ? `${f.value} / ${f.valueEn}` : f.value);
    }
    expect(text).toContain('Đặng Thị Ngọc Hân');
    expect(text).not.toContain('không dấu');
    expect(text).not.toContain('ICAO');
  });

  it('every Vietnamese letter, in both cases, comes back as written', () => {
    const all = [...LETTERS, ...LETTERS.map((l) => l.toUpperCase())];
    const f: CertificateField[] = [{ key: 'k', labelVi: 'Chữ', labelEn: 'Letters', value: all.join(' ') }];
    const text = popplerText(written(f)).replace(/\s+/g, ' ');
    expect(text).toContain(all.join(' '));
  });

  it('property: a name of Vietnamese syllables, in any case, is read back exactly', () => {
    const syllable = fc.tuple(fc.constantFrom('', 'ng', 'nh', 'tr', 'th', 'ph', 'gi', 'qu', 'đ', 'b', 'h', 'l'), fc.constantFrom(...LETTERS), fc.constantFrom('', 'n', 'ng', 'c', 't', 'm', 'p', 'nh', 'ch'), fc.boolean())
      .map(([a, v, z, cap]) => (cap ? (a + v).charAt(0).toUpperCase() + (a + v).slice(1) : a + v) + z);
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 2, maxLength: 6 }), (words) => {
        const name = words.join(' ');
        const text = popplerText(written([{ key: 'fullName', labelVi: 'Họ và tên', labelEn: 'Full name', value: name }])).replace(/\s+/g, ' ');
        expect(text).toContain(name);
      }),
      { numRuns: 15 },
    );
  });

  it('a name the font has no letters for (Han script) is given by its ICAO reading, and the page says so', () => {
    const han = certificateFields({ ...person, fullName: '王 小明', familyName: '王', givenName: '小明', fnt: 'WANG', gnt: 'XIAOMING', nationality: 'CN' }, [dose], { uvci });
    const text = popplerText(written(han));
    expect(text).toContain('WANG<<XIAOMING');
    expect(text).not.toContain('王');
    expect(text).toContain('A name in another script is given as ICAO spells it.');
    expect(text).toContain('Tên viết bằng chữ khác chữ Latinh được ghi theo cách viết ICAO.');
  });

  it('a name the font has letters for but would print reversed or unjoined (Arabic, Hebrew) is given by its ICAO reading; Greek and Cyrillic as written', () => {
    const named = (fullName: string, fnt: string, gnt: string, nationality: string) =>
      popplerText(written(certificateFields({ ...person, fullName, familyName: fullName.split(' ')[0]!, givenName: fullName.split(' ').slice(1).join(' '), fnt, gnt, nationality }, [dose], { uvci })));
    for (const [name, icao, nat] of [['محمد علي', 'MHMD<<ALY', 'EG'], ['דוד כהן', 'DVD<<KHN', 'IL']] as const) {
      const text = named(name, icao.split('<<')[0]!, icao.split('<<')[1]!, nat);
      expect(text, name).toContain(icao);
      expect(text, name).not.toContain(name.split(' ')[0]!);
      expect(text, name).toContain('A name in another script is given as ICAO spells it.');
    }
    for (const [name, nat] of [['Γεώργιος Παπαδόπουλος', 'GR'], ['Иван Петров', 'RU']] as const) {
      const text = named(name, 'X', 'Y', nat);
      expect(text.split('\n'), name).toContain(name);
      expect(text, name).not.toContain('ICAO spells it');
    }
  });

  it('keeps every word of a very long name inside the page margins (real glyph widths, poppler’s word boxes)', () => {
    const longName = 'Công Tằng Tôn Nữ Thị Huyền Trang Nguyễn Phước Bảo Ngọc Khánh Linh Diệu Hiền Thục Quyên Anh Thư Minh Châu Như Ý Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww';
    const long = certificateFields({ ...person, fullName: longName, familyName: 'Công Tằng Tôn Nữ', givenName: longName.slice(17), fnt: 'CONG<TANG<TON<NU', gnt: 'THI<HUYEN<TRANG' }, [dose], { uvci });
    const path = written(long);
    const boxes = [...popplerText(path, '-bbox').matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ x0: Number(m[1]), x1: Number(m[2]), word: m[3]! }));
    expect(boxes.length).toBeGreaterThan(50);
    for (const b of boxes) {
      expect(b.x0, b.word).toBeGreaterThanOrEqual(49);
      expect(b.x1, b.word).toBeLessThanOrEqual(595.28 - 49);
    }
    // Every word of the name is on the page, the one too long for a line cut across lines.
    const text = popplerText(path).replace(/\s+/g, ' ');
    for (const word of longName.split(' ').slice(0, -1)) expect(text).toContain(word);
    expect(text.replace(/ /g, '')).toContain(`W${'w'.repeat(51)}`);
  });

  it('a revoked certificate’s page says so in both languages, with its marks', () => {
    const text = popplerText(written(fields, VN, { lines: ['Chứng nhận đã bị thu hồi lúc 01/03/2026.', 'The certificate was revoked at 2026-03-01.'] }));
    expect(text).toContain('ĐÃ THU HỒI / REVOKED');
    expect(text).toContain('Chứng nhận đã bị thu hồi lúc 01/03/2026.');
  });

  it('rendered by poppler, the page’s QR is read by the station as the certificate it carries', () => {
    const r = spawnSync('pdftoppm', ['-r', '100', '-png', '-singlefile', path, join(dir, 'page')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(join(dir, 'page.png'));
    expect(hc1FromBytes(new Uint8Array(png), 'page.png').text).toBe(VN);
  });
});

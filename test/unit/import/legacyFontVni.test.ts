// Vietnamese typed with a VNI font (VNI-Times, common in the South) is stored as Latin-1 letters
// that only that font draws as Vietnamese: a base letter, then a letter standing for its marks
// ("Nguyeãn" is e + ã: ễ; "Cöôøng" is ư ơ + ø: Cường). Such names were stored ready, and a
// header in VNI was "no header" (legacyFont.ts). The VNI strings below are as such a file holds
// them; the Western names share VNI's letters (ã â ö ô ñ ò ï) and must stay names.
import { afterAll, describe, expect, it } from 'vitest';
import { hasLegacyLetters, legacyFontOf } from '../../../electron/core/import/legacyFont.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { StationError } from '../../../shared/errors.js';
import { previewRefusal } from './previewRefusal.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** VNI text and what it reads. */
const VNI: Record<string, string> = {
  'Nguyeãn Vaên An': 'Nguyễn Văn An',
  'Traàn Thò Bình': 'Trần Thị Bình',
  'Leâ Hoaøng Cöôøng': 'Lê Hoàng Cường',
  'Phaïm Thò Thu Höông': 'Phạm Thị Thu Hương',
  'Ñaëng Quoác Vieät': 'Đặng Quốc Việt',
  'Voõ Thò Ngoïc': 'Võ Thị Ngọc',
  'NGUYEÃN VAÊN AN': 'NGUYỄN VĂN AN',
};
const HEADER = ['STT', 'Hoï vaø teân', 'Ngaøy sinh', 'Giôùi tính', 'Soá CCCD', 'Soá ñieän thoaïi', 'Teân vaéc xin', 'Soá loâ', 'Muõi tieâm thöù', 'Ngaøy tieâm'];

/** Names with VNI's letters in other languages, and Vietnamese ones in Unicode that use only Latin-1. */
const NOT_VNI = [
  'João Leão', 'José Peña', 'Anna Müller', 'Jérôme Côté', 'Loïc Dupont', 'Raphaël Araújo', 'Anaïs Noël', 'Zoë Ørsted',
  'Björn Sjöström', 'Maria da Conceição', 'Núñez Ibáñez', 'Muñoz Ruiz', 'Gonçalves Simões', 'São Tomé', 'Françoise Lefèvre',
  'Hoàng Minh Toàn', 'Lê Minh Tâm', 'Tô Hoài', 'Võ Thành Tâm', 'Hà Anh Tú', 'Đoàn Văn Toàn', 'Nguyễn Thị Thò',
];

const person = (n: number, name: string): string[] => [String(n), name, '15/03/1985', 'Nam', `07908500${1000 + n}`, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'];
const refusal = (path: string): Promise<StationError> => previewRefusal(path, now);

describe('text in a legacy VNI font', () => {
  it('is told from VNI names, with what they read, and never from Western or Unicode ones', () => {
    for (const [text, reading] of Object.entries(VNI)) expect([text, legacyFontOf(text)]).toEqual([text, { font: 'VNI', reading }]);
    const unicode = [...makeDoses(400, 7).map((d) => d.person.fullName), ...NOT_VNI];
    expect(unicode.filter(hasLegacyLetters)).toEqual([]);
  });

  it('refuses a workbook whose header is in VNI, naming the font rather than "no header"', async () => {
    const path = tmp.file('vni-header.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['DANH SAÙCH TIEÂM CHUÛNG'], HEADER, person(1, 'Nguyeãn Vaên An'), person(2, 'Traàn Thò Bình')] }]);
    const err = await refusal(path);
    expect(err.code).toBe('IMPORT_LEGACY_FONT');
    expect(err.details).toMatchObject({ row: 2, where: 'header', font: 'VNI', reading: 'Họ và tên' });
    expect(err.messageEn).toContain('The font is VNI (VNI-Times). For example row 2: "Hoï vaø teân" (by the VNI Windows table: "Họ và tên")');
    expect(err.messageEn).toContain('convert it from VNI Windows to Unicode');
    expect(err.messageVi).toContain('chuyển mã từ VNI Windows sang Unicode');
  });

  it('refuses a list whose names are in VNI under a Unicode header, in an xlsx or a CSV', async () => {
    const rows = [STANDARD_HEADER, person(1, 'Nguyeãn Vaên An'), person(2, 'Traàn Thò Bình'), person(3, 'Lê Văn Bảo'), person(4, 'Leâ Hoaøng Cöôøng')];
    const xlsx = tmp.file('vni-names.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows }]);
    const csv = tmp.file('vni-names.csv');
    writeDelimited(csv, rows);
    for (const path of [xlsx, csv]) {
      const err = await refusal(path);
      expect(err.code).toBe('IMPORT_LEGACY_FONT');
      expect(err.details).toMatchObject({ row: 2, where: 'names', font: 'VNI', namesInLegacyFont: 3, namesLookedAt: 4 });
      expect(err.messageVi).toContain('Phông chữ: VNI (VNI-Times)');
    }
  });

  it('makes one VNI name among Unicode ones an error of its row, saying VNI and what it reads', async () => {
    const path = tmp.file('one-vni-name.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, person(1, 'Lê Văn An'), person(2, 'Traàn Thò Bình'), person(3, 'João Leão')] }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'fullName:IMPORT_NAME_LEGACY_FONT'],
      [4, 'ready', ''],
    ]);
    const finding = preview.records[1]!.findings[0]!;
    expect(finding.message_en).toContain('The name "Traàn Thò Bình" looks typed in a legacy VNI (VNI-Times) font');
    expect(finding.message_en).toContain('it reads "Trần Thị Bình"');
  });
});

// VIQR writes Vietnamese in ASCII, each mark typed after its letter ("Nguye^~n Va(n An", "Tra^`n
// Thi. Bi'ch Ngo.c"). Such names got a generic NAME_UNUSUAL_CHARACTERS warning, "Thi." an
// IMPORT_NAME_ABBREVIATED one, "Pha?m" was said to have lost a letter, and a clinic confirming
// its warnings signed "Nguye^~n Va(n An" into a certificate (legacyFont.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { hasLegacyLetters, legacyFontOf } from '../../../electron/core/import/legacyFont.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';
import { previewRefusal } from './previewRefusal.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const VIQR: Record<string, string> = {
  'Nguye^~n Va(n An': 'Nguyễn Văn An',
  "Tra^`n Thi. Bi'ch Ngo.c": 'Trần Thị Bích Ngọc',
  "Le^ Hoa`ng Phu'c": 'Lê Hoàng Phúc',
  'Pha.m Thi. Hu+o+ng': 'Phạm Thị Hương',
  "DDa(.ng Quo^'c Vie^.t": 'Đặng Quốc Việt',
  'Vu~ Ngo.c Ha?i': 'Vũ Ngọc Hải',
  'Huo+ng Lan': 'Hương Lan',
  "NGUYE^~N VA(N DDU+'C": 'NGUYỄN VĂN ĐỨC',
};
/** Names with VIQR's characters that are no VIQR: an apostrophe, initials, a note, a lost letter, ASCII without marks. */
const NOT_VIQR = [
  "O'Neil Patrick", "D'Angelo Rossi", 'Nguyen Van A.', 'Tran T. Ha', 'Nguyen V.A.', 'Le Thi A.', 'Nguyễn Văn A (con)', 'Hoa (con)',
  'Nguy?n V?n An', 'Tr?n Th? Bích', 'Pha?m Thu Trang', 'John Smith Jr.', 'Addison Lee', 'Nguyễn Thị Thu.', 'Dr. Anna Bell', 'Nguyen Van An', 'Pham Thi Ha.',
];

const person = (n: number, name: string): string[] => [String(n), name, '15/03/1985', 'Nam', `07908500${1000 + n}`, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'];

describe('names in VIQR', () => {
  it('are told, with what they read, and never from names with an apostrophe, a full stop, a bracket or a lost letter', () => {
    for (const [text, reading] of Object.entries(VIQR)) expect([text, legacyFontOf(text)]).toEqual([text, { font: 'VIQR', reading }]);
    const others = [...makeDoses(400, 7).map((d) => d.person.fullName), ...NOT_VIQR];
    expect(others.filter(hasLegacyLetters)).toEqual([]);
  });

  it('throughout a list: refused (IMPORT_LEGACY_FONT) naming VIQR and quoting a name read', async () => {
    const path = tmp.file('viqr.csv');
    writeDelimited(path, [STANDARD_HEADER, ...Object.keys(VIQR).slice(0, 4).map((name, i) => person(i + 1, name))]);
    const err = await previewRefusal(path, now);
    expect(err.code).toBe('IMPORT_LEGACY_FONT');
    expect(err.details).toMatchObject({ row: 2, where: 'names', font: 'VIQR', reading: 'Nguyễn Văn An' });
    expect(err.messageEn).toContain('It is written in VIQR (marks typed as characters after the letter');
    expect(err.messageEn).toContain('For example row 2: "Nguye^~n Va(n An" (by the VIQR table: "Nguyễn Văn An")');
    expect(err.messageVi).toContain('chuyển mã từ VIQR sang Unicode');
  });

  it('in one row: that row is an error naming VIQR, not a lost letter, an abbreviation or unusual characters', async () => {
    const path = tmp.file('viqr-one.csv');
    const names = ['Nguyễn Văn An', 'Pha.m Thi. Thu?y', 'Trần Thị Bích', 'Lê Văn Tám', 'Phạm Thu Hà', 'Võ Minh Tâm'];
    writeDelimited(path, [STANDARD_HEADER, ...names.map((name, i) => person(i + 1, name))]);
    const preview = await previewImport(path, { now });
    const row = preview.records.find((r) => r.row === 3)!;
    expect(row.status).toBe('error');
    expect(row.findings.map((f) => f.code)).toEqual(['IMPORT_NAME_LEGACY_FONT']);
    expect(row.findings[0]!.message_en).toContain('The name "Pha.m Thi. Thu?y" looks typed in VIQR');
    expect(row.findings[0]!.message_en).toContain('it reads "Phạm Thị Thủy"');
    expect(preview.records.filter((r) => r.row !== 3).map((r) => r.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready']);
  });
});

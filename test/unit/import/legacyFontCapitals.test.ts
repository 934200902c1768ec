// Names typed in capitals with TCVN3's capitals font (.VnTimeH) hold ASCII capitals and TCVN3's
// codes, which that font draws as capitals: "NGUYỄN THỊ HOA" is "NGUYÔN THÞ HOA", "HỒ THỊ MINH"
// is "Hå THÞ MINH". The .VnTime test (a Latin-1 capital after a small letter) does not see them,
// and they were stored ready (legacyFont.ts). Unicode names in capitals must stay names.
import { afterAll, describe, expect, it } from 'vitest';
import { hasLegacyLetters, legacyFontOf } from '../../../electron/core/import/legacyFont.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { previewRefusal } from './previewRefusal.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** .VnTimeH text and what it reads. */
const CAPITALS: Record<string, string> = {
  'NGUYÔN THÞ HOA': 'NGUYỄN THỊ HOA',
  'Hå THÞ MINH': 'HỒ THỊ MINH',
  'Vâ THÞ NGäC': 'VÕ THỊ NGỌC',
  'TRÇN V¡N B×NH': 'TRẦN VĂN BÌNH',
  'PH¹M QUèC VIÖT': 'PHẠM QUỐC VIỆT',
};

const person = (n: number, name: string): string[] => [String(n), name, '15/03/1990', 'Nữ', `07919000${1000 + n}`, '0912345678', 'Pfizer', 'FF2587', '1', '20/07/2021'];

describe('names in TCVN3 capitals (.VnTimeH)', () => {
  it('are told, with what they read, and Unicode names in capitals are not', () => {
    for (const [text, reading] of Object.entries(CAPITALS)) {
      expect([text, hasLegacyLetters(text)]).toEqual([text, true]);
      // Those with a TCVN3 symbol (¡ ¹ ×) the .VnTime test already told; the reading is the font's own.
      if (!/[\u00a1-\u00bf\u00d7]/.test(text)) expect([text, legacyFontOf(text)]).toEqual([text, { font: 'TCVN3_CAPITALS', reading }]);
    }
    const upper = [...makeDoses(400, 3).map((d) => d.person.fullName.toUpperCase()), 'LÊ MINH', 'TÔ HOÀI', 'VÕ MINH', 'LÊ Ý', 'JOSÉ PEÑA', 'ANNA MÜLLER', 'RENÉ CÔTÉ', 'ZOË NOËL', 'JOÃO LEÃO', 'CHLOÉ ANDRÉ'];
    expect(upper.filter(hasLegacyLetters)).toEqual([]);
  });

  it('refuse a list of them, saying the capitals font, in an xlsx or a CSV', async () => {
    const rows = [STANDARD_HEADER, person(1, 'NGUYÔN THÞ HOA'), person(2, 'Hå THÞ MINH'), person(3, 'Vâ THÞ NGäC')];
    const xlsx = tmp.file('vntimeh-names.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows }]);
    const csv = tmp.file('vntimeh-names.csv');
    writeDelimited(csv, rows);
    for (const path of [xlsx, csv]) {
      const err = await previewRefusal(path, now);
      expect(err.code).toBe('IMPORT_LEGACY_FONT');
      expect(err.details).toMatchObject({ row: 2, where: 'names', font: 'TCVN3_CAPITALS', reading: 'NGUYỄN THỊ HOA', namesInLegacyFont: 3, namesLookedAt: 3 });
      expect(err.messageEn).toContain('The font is TCVN3 capitals (.VnTimeH)');
    }
  });

  it('make one among Unicode names an error of its row', async () => {
    const path = tmp.file('one-vntimeh-name.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, person(1, 'LÊ THỊ HOA'), person(2, 'Vâ THÞ NGäC'), person(3, 'TÔ MINH')] }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'fullName:IMPORT_NAME_LEGACY_FONT'],
      [4, 'ready', ''],
    ]);
    expect(preview.records[1]!.findings[0]!.message_vi).toContain('TCVN3 chữ hoa (.VnTimeH)');
    expect(preview.records[1]!.findings[0]!.message_vi).toContain('"VÕ THỊ NGỌC"');
  });
});

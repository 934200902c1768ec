// Session 23: a lot with the vial's expiry joined to it by a slash ("FF1234/30/11/2021", as a
// "Số lô/HSD" column is filled when the header's slash is copied) was stored whole as the lot.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a lot with its expiry after a slash', () => {
  it('is the lot: what follows the slash is a whole date, a month and year, or a year', () => {
    for (const [cell, lot] of [
      ['FF1234/30/11/2021', 'FF1234'],
      ['FF1234/11/2021', 'FF1234'],
      ['FF1234 / 11/2021', 'FF1234'],
      ['NJ0342/2022', 'NJ0342'],
      ['202107A123/30.11.2023', '202107A123'],
      ['3002183/06/2022', '3002183'],
      ['FF1234/HSD 30/11/2021', 'FF1234'],
      ['Lô: FF1234/30/11/2021', 'FF1234'],
    ]) {
      expect(parseLot(cell), cell).toEqual({ lot, findings: [] });
    }
  });

  it("with the dose's vaccine before it, both are taken off", () => {
    expect(parseLot('Pfizer FF1234/30/11/2021', { vaccine: 'PFIZER' })).toEqual({ lot: 'FF1234', findings: [] });
  });

  it('a slash that is part of the lot, or between two lots, is not cut', () => {
    // A lot with a slash in it: the part before is no lot on its own, or what follows is no date.
    for (const cell of ['21/0101', '2107/A123', 'AB-1/2021', '1/2021', 'FF1234/13/2021', 'FF1234/32/11/2021', 'FF1234/1999', 'AB/2021']) {
      expect(parseLot(cell).lot, cell).toBe(cell);
    }
    // Two lots: kept and said, as before.
    const two = parseLot('NJ0342/NJ0343');
    expect([two.lot, two.findings.map((f) => f.code)]).toEqual(['NJ0342/NJ0343', ['IMPORT_LOT_TWO']]);
    expect(parseLot('NJ0342/NJ0343', { dose: 2, sharedBy: [1, 2] }).lot).toBe('NJ0343');
  });

  it('through a file: the row is ready with the lot alone', async () => {
    const path = tmp.file('lot-slash-expiry.csv');
    const rows = [['1', 'Nguyễn Văn Bình', '12/03/1986', 'Nam', '001086012345', '0912345677', 'Pfizer', 'FF1234/30/11/2021', '1', '01/08/2021']];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.dose.lot, r.status, r.findings.map((f) => f.code)])).toEqual([['FF1234', 'ready', []]]);
  });
});

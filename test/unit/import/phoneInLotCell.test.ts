// A phone number typed one column off lands in the lot or the vaccine cell ("0912345678",
// "Pfizer 0912345678"): it was read as the lot, stored and signed on the passport as the vial's
// lot. A Vietnamese phone number (a mobile's 10 digits, a landline's 11, +84 or 84 for the 0,
// spaces or dots between) is no lot: an error in the lot cell, never taken from the vaccine cell.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lotInVaccineCell, parseLot } from '../../../electron/core/import/parseLotCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const PHONES = ['0912345678', '0912 345 678', '0912.345.678', '+84912345678', '84912345678', '0369123456', '02438234567'];
// Lots that are digits too: Moderna's seven, a Vero Cell lot of its date and a letter, and numbers no phone has.
const LOTS = ['3002183', '202107A123', '0001234567', '1234567890', '912345678'];

describe('a phone number where the lot goes', () => {
  it.each(PHONES)('"%s" in the lot cell is an error, not a lot', (phone) => {
    expect(parseLot(phone).findings.map((f) => [f.code, f.severity])).toEqual([['IMPORT_LOT_IS_PHONE', 'error']]);
  });
  it.each(LOTS)('"%s" stays a lot', (lot) => {
    expect(parseLot(lot).findings).toEqual([]);
  });
  it('is not read from the vaccine cell as its lot', () => {
    expect(lotInVaccineCell('Pfizer 0912345678')).toBeNull();
    expect(lotInVaccineCell('Moderna 3002183')).toEqual({ vaccine: 'MODERNA', lot: '3002183' });
  });
  it('makes the row an error in a list', async () => {
    const path = tmp.file('phone-lot.csv');
    writeFileSync(path, [STANDARD_HEADER.join(','), ['1', 'Trần Văn An', '01/01/1980', 'Nam', '001080000701', '', 'Pfizer', '0912345678', '1', '15/07/2021'].join(',')].join('\r\n'));
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.status, r.findings.map((f) => f.code)])).toEqual([['error', ['IMPORT_LOT_IS_PHONE']]]);
    expect(p.records[0]!.findings[0]!.message_en).toBe('The lot "0912345678" is a phone number, not a vaccine lot: write the lot printed on the vial.');
  });
});

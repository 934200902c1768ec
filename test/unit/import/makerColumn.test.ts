// Session 25: hospital systems export the vaccine and its maker in two columns ("Tên vắc xin" |
// "Hãng sản xuất"). The maker was not read: "AstraZeneca" beside the maker "Pfizer" was stored
// ready and signed as AstraZeneca, though one of the two cells is wrong.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

let n = 0;
/** A row per dose with a maker column named `header` after the vaccine; one row per [vaccine, maker]. */
async function preview(header: string, pairs: readonly (readonly [string, string])[]) {
  const path = tmp.file(`maker-${++n}.csv`);
  const rows = [[...STANDARD_HEADER, header].join(',')];
  pairs.forEach(([vaccine, maker], i) => {
    const year = 1960 + i;
    rows.push([String(i + 1), 'Trần Văn An', `01/01/${year}`, 'Nam', `0010${String(year % 100).padStart(2, '0')}${String(700 + i).padStart(6, '0')}`, '0912345678', `"${vaccine}"`, 'NJ0342', '1', '15/07/2021', `"${maker}"`].join(','));
  });
  writeFileSync(path, rows.join('\r\n'));
  return previewImport(path, { now });
}

const codesOf = (r: { findings: readonly { code: string }[] }): string[] => r.findings.map((f) => f.code);

describe('a maker column beside the vaccine', () => {
  it('is an error naming both when the maker makes another vaccine', async () => {
    const p = await preview('Hãng sản xuất', [['AstraZeneca', 'Pfizer'], ['Vero Cell', 'Sinovac'], ['Pfizer', 'Moderna Biotech Spain S.L.'], ['Vero Cell', 'Gulf Pharmaceutical Industries (Julphar)']]);
    expect(p.records.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    const f = p.records[0]!.findings.find((x) => x.code === 'IMPORT_VACCINE_MAKER_DIFFERS')!;
    expect(f.severity).toBe('error');
    expect(f.field).toBe('vaccine');
    expect(f.message_vi).toContain('"AstraZeneca"');
    expect(f.message_vi).toContain('"Pfizer"');
    expect(f.message_en).toContain('"Pfizer"');
    expect(f.message_en).toContain('AstraZeneca');
  });

  it('says nothing when the maker makes the vaccine, in any of the ways lists write makers', async () => {
    for (const header of ['Hãng sản xuất', 'Nhà sản xuất', 'Manufacturer', 'Hãng SX', 'NSX']) {
      const p = await preview(header, [
        ['AstraZeneca', 'AstraZeneca AB'], ['Pfizer', 'BioNTech Manufacturing GmbH'], ['Comirnaty', 'Pfizer-BioNTech'], ['Vero Cell', 'Sinopharm'],
        ['Hayat-Vax', 'Julphar'], ['Hayat-Vax', 'Sinopharm'], ['Moderna', 'Moderna'], ['Janssen', 'Johnson & Johnson'], ['Vaxzevria', 'SK Bioscience'],
        ['Pfizer', ''], ['Moderna', 'Lonza'],
      ]);
      expect(p.records.map((r) => [r.status, codesOf(r)]), header).toEqual(p.records.map(() => ['ready', []]));
      expect(p.columns.find((c) => c.header === header)!.field, header).toBe('manufacturer');
    }
  });

  it('reads "NSX" holding dates as the production date: no maker, nothing said', async () => {
    const p = await preview('NSX', [['AstraZeneca', '01/03/2021'], ['Pfizer', '2021-05-01']]);
    expect(p.records.map((r) => [r.status, codesOf(r)])).toEqual([['ready', []], ['ready', []]]);
  });

  it('takes the vaccine from the maker when the vaccine cell names only the class or a maker of more than one product', async () => {
    const p = await preview('Hãng sản xuất', [
      ['Vắc xin phòng COVID-19', 'AstraZeneca'], ['J07BX03', 'Pfizer-BioNTech'], ['Sinopharm', 'Gulf Pharmaceutical Industries'], ['Sinopharm', 'Sinopharm'],
    ]);
    expect(p.records.map((r) => r.input.dose.vaccine)).toEqual(['ASTRAZENECA', 'PFIZER', 'HAYAT_VAX', 'VERO_CELL']);
    expect(p.records.map((r) => [r.status, codesOf(r)])).toEqual([
      ['warning', ['IMPORT_VACCINE_FROM_MAKER']], ['warning', ['IMPORT_VACCINE_FROM_MAKER']], ['warning', ['IMPORT_VACCINE_FROM_MAKER']], ['ready', []],
    ]);
    const f = p.records[2]!.findings[0]!;
    expect(f.message_vi).toContain('Hayat-Vax');
    expect(f.message_en).toContain('"Gulf Pharmaceutical Industries"');
  });

  it('keeps the class an error when the maker cannot say which product', async () => {
    const p = await preview('Hãng sản xuất', [['Vắc xin phòng COVID-19', ''], ['Vắc xin phòng COVID-19', 'Sinopharm']]);
    expect(p.records.map((r) => [r.status, codesOf(r)])).toEqual([['error', ['IMPORT_VACCINE_CLASS']], ['error', ['IMPORT_VACCINE_CLASS']]]);
  });
});

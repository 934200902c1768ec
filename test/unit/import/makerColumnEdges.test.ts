// Session 26, a mutation probe of session 25's maker column: each case fails for one change to
// makerColumn.ts that left makerColumn.test.ts green.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

let n = 0;
async function preview(pairs: readonly (readonly [string, string])[]) {
  const path = tmp.file(`maker-edges-${++n}.csv`);
  const rows = [[...STANDARD_HEADER, 'Hãng sản xuất'].join(',')];
  pairs.forEach(([vaccine, maker], i) => {
    const year = 1960 + i;
    rows.push([String(i + 1), 'Trần Văn An', `01/01/${year}`, 'Nam', `0010${String(year % 100).padStart(2, '0')}${String(700 + i).padStart(6, '0')}`, '0912345678', `"${vaccine}"`, 'NJ0342', '1', '15/07/2021', `"${maker}"`].join(','));
  });
  writeFileSync(path, rows.join('\r\n'));
  return previewImport(path, { now });
}

const codesOf = (r: { findings: readonly { code: string }[] }): string[] => r.findings.map((f) => f.code);

describe('a maker column, the makers named in other ways', () => {
  it('knows a maker by its partner, its filling plant or its short name: another vaccine beside it is an error', async () => {
    // BioNTech (Pfizer's partner), SK Bioscience (filled AstraZeneca's), "AZ" and "J&J" written short.
    const p = await preview([['AstraZeneca', 'BioNTech Manufacturing GmbH'], ['Pfizer', 'SK Bioscience'], ['Pfizer', 'AZ'], ['Moderna', 'JnJ']]);
    expect(p.records.map((r) => [r.status, codesOf(r)])).toEqual(p.records.map(() => ['error', ['IMPORT_VACCINE_MAKER_DIFFERS']]));
    expect(p.records.map((r) => r.input.dose.vaccine)).toEqual(['ASTRAZENECA', 'PFIZER', 'PFIZER', 'MODERNA']);
  });

  it('reads no vaccine from a maker cell naming two makers: the class stays an error, a vaccine one of them makes stays as written', async () => {
    const p = await preview([['Vắc xin phòng COVID-19', 'Pfizer, Moderna'], ['Moderna', 'Pfizer / Moderna']]);
    expect(p.records.map((r) => [r.status, codesOf(r)])).toEqual([['error', ['IMPORT_VACCINE_CLASS']], ['ready', []]]);
    expect(p.records[1]!.input.dose.vaccine).toBe('MODERNA');
  });

  it('reads the class written with "tiêm" ("Vắc xin tiêm phòng COVID-19") from the maker', async () => {
    const p = await preview([['Vắc xin tiêm phòng COVID-19', 'AstraZeneca']]);
    expect(p.records.map((r) => [r.input.dose.vaccine, r.status, codesOf(r)])).toEqual([['ASTRAZENECA', 'warning', ['IMPORT_VACCINE_FROM_MAKER']]]);
  });
});

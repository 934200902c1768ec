// Session 25 read a maker column ("Hãng sản xuất") and an age column ("Tuổi") against a row per
// dose only: in a row per person with a column per dose, "AstraZeneca" beside the maker "Pfizer"
// and a date of birth typed 1958 for an age of 36 were stored ready. A single maker column describes
// the person's vaccine: against each dose when the doses name one vaccine; a mixed schedule is
// checked only when the maker makes none of them. The age agrees when it is the age at any dose.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');
const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tuổi', 'Hãng sản xuất', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2'];

let n = 0;
/** A row per person: [dob, age, maker, vaccine 1, vaccine 2] each. */
async function preview(rows: readonly (readonly [string, string, string, string, string])[]) {
  const path = tmp.file(`per-person-${++n}.csv`);
  const lines = [HEADER.join(',')];
  rows.forEach(([dob, age, maker, v1, v2], i) => {
    const year = dob.slice(-4);
    const cccd = `0010${year.slice(2)}${String(700 + i).padStart(6, '0')}`;
    lines.push([String(i + 1), 'Trần Văn An', dob, cccd, age, `"${maker}"`, `"${v1}"`, 'NJ0342', '15/07/2021', `"${v2}"`, v2 === '' ? '' : 'NJ0343', v2 === '' ? '' : '15/09/2021'].join(','));
  });
  writeFileSync(path, lines.join('\r\n'));
  return previewImport(path, { now });
}

const codes = (p: Awaited<ReturnType<typeof preview>>, code: string): string[] =>
  p.records.map((r) => `${r.row}/${r.doseOf}:${r.findings.filter((f) => f.code === code).length}`);

describe('a maker column in a row per person', () => {
  it('is an error on each dose when the maker makes none of the person\'s vaccines', async () => {
    const p = await preview([
      ['01/01/1985', '36', 'Pfizer', 'AstraZeneca', 'AstraZeneca'],
      ['01/01/1986', '35', 'AstraZeneca', 'AstraZeneca', 'AstraZeneca'],
    ]);
    expect(codes(p, 'IMPORT_VACCINE_MAKER_DIFFERS')).toEqual(['2/1:1', '2/2:1', '3/1:0', '3/2:0']);
    expect(p.records.slice(0, 2).map((r) => r.status)).toEqual(['error', 'error']);
  });

  it('says nothing on a mixed schedule when the maker makes one of its vaccines, and is an error when it makes none', async () => {
    const p = await preview([
      ['01/01/1985', '36', 'AstraZeneca', 'AstraZeneca', 'Pfizer'],
      ['01/01/1986', '35', 'Moderna', 'AstraZeneca', 'Pfizer'],
    ]);
    expect(codes(p, 'IMPORT_VACCINE_MAKER_DIFFERS')).toEqual(['2/1:0', '2/2:0', '3/1:1', '3/2:1']);
  });

  it('gives the vaccine of a class cell when the doses name one vaccine, not on a mixed schedule', async () => {
    const p = await preview([
      ['01/01/1985', '36', 'AstraZeneca', 'Vắc xin phòng COVID-19', 'Vắc xin phòng COVID-19'],
      ['01/01/1986', '35', 'AstraZeneca', 'Vắc xin phòng COVID-19', 'Pfizer'],
    ]);
    expect(p.records.map((r) => `${r.row}/${r.doseOf}:${r.input.dose.vaccine}`)).toEqual(['2/1:ASTRAZENECA', '2/2:ASTRAZENECA', '3/1:Vắc xin phòng COVID-19', '3/2:PFIZER']);
    expect(codes(p, 'IMPORT_VACCINE_FROM_MAKER')).toEqual(['2/1:1', '2/2:1', '3/1:0', '3/2:0']);
    expect(codes(p, 'IMPORT_VACCINE_CLASS')).toEqual(['2/1:0', '2/2:0', '3/1:1', '3/2:0']);
  });
});

describe('an age column in a row per person', () => {
  it('agrees when it is the age at one of the doses, and is a warning on each dose when at none', async () => {
    // Born 1 Aug 1985: 35 at the first dose (15/07/2021), 36 at the second.
    const p = await preview([
      ['01/08/1985', '35', 'AstraZeneca', 'AstraZeneca', 'AstraZeneca'],
      ['01/08/1985', '37', 'AstraZeneca', 'AstraZeneca', 'AstraZeneca'],
      ['01/08/1958', '36', 'AstraZeneca', 'AstraZeneca', 'AstraZeneca'],
    ]);
    expect(codes(p, 'IMPORT_AGE_DIFFERS')).toEqual(['2/1:0', '2/2:0', '3/1:0', '3/2:0', '4/1:1', '4/2:1']);
    // Said once for the row.
    expect(p.findings.filter((f) => f.code === 'IMPORT_AGE_DIFFERS').map((f) => f.row)).toEqual([4]);
  });
});

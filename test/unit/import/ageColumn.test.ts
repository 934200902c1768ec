// Session 25: hospital systems export the age beside the date of birth ("Tuổi"). It was not read,
// so a mistyped date of birth (1958 for 1985) went onto the passport unnoticed though the row's
// own age said otherwise. A list with an age and no date of birth was refused as lacking "Ngày
// sinh" without saying that the age cannot stand for it.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';
import { previewRefusal } from './previewRefusal.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hải', 'Hùng', 'Khoa', 'Long', 'Minh'];
let n = 0;
/** A row per dose, vaccinated 15/07/2021, with an age column `header`; one row per [dob, age]. */
function csv(header: string, rows: readonly (readonly [string, string])[], columns: readonly string[] = STANDARD_HEADER): string {
  const path = tmp.file(`age-${++n}.csv`);
  const lines = [[...columns, header].join(',')];
  rows.forEach(([dob, age], i) => {
    const yy = /(\d\d)$/.exec(dob)?.[1] ?? '85';
    const cells = [String(i + 1), `Trần Văn ${NAMES[i]}`, dob, 'Nam', `0010${yy}${String(100000 + i)}`, '0912345678', 'AstraZeneca', 'NJ0342', '1', '15/07/2021', `"${age}"`];
    lines.push((columns === STANDARD_HEADER ? cells : cells.filter((_, c) => c !== 2)).join(','));
  });
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const ageFindings = async (path: string): Promise<boolean[]> =>
  (await previewImport(path, { now })).records.map((r) => r.findings.some((f) => f.code === 'IMPORT_AGE_DIFFERS'));

describe('an age column beside the date of birth', () => {
  it('agrees at the vaccination date, a birthday not yet reached allowed, however the age is written', async () => {
    // Born 12/03/1985 and 20/09/1985: 36 and 35 on 15/07/2021; 36 is the year's difference for both.
    const rows: [string, string][] = [
      ['12/03/1985', '36'], ['12/03/1985', '36 tuổi'], ['12/03/1985', '36t'], ['12/03/1985', '36T'], ['20/09/1985', '35'], ['20/09/1985', '36'],
      ['1985', '36'], ['1985', '35'], ['12/03/1985', ''], ['12/03/1985', '18 tháng'],
    ];
    expect(await ageFindings(csv('Tuổi', rows))).toEqual(rows.map(() => false));
    expect(await ageFindings(csv('Age', [['12/03/1985', '36 years']]))).toEqual([false]);
  });

  it('is a warning naming both when the date of birth gives another age', async () => {
    const path = csv('Tuổi', [['12/03/1958', '36'], ['12/03/1985', '35'], ['12/03/1985', '38 tuổi'], ['20/09/1985', '37']]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.status, r.findings.map((f) => f.code)])).toEqual(preview.records.map(() => ['warning', ['IMPORT_AGE_DIFFERS']]));
    const f = preview.records[0]!.findings[0]!;
    expect(f.field).toBe('dob');
    expect(f.message_vi).toContain('"36"');
    expect(f.message_vi).toContain('12/03/1958');
    expect(f.message_vi).toContain('63');
    expect(f.message_en).toContain('12/03/1958');
  });

  it('with no date of birth, the refusal says an age cannot give it', async () => {
    const withoutDob = STANDARD_HEADER.filter((h) => h !== 'Ngày sinh');
    const err = await previewRefusal(csv('Tuổi', [['', '36']], withoutDob), now);
    expect(err.code).toBe('IMPORT_NO_HEADER');
    expect(err.messageVi).toContain('"Tuổi"');
    expect(err.messageVi).toContain('ngày sinh');
    expect(err.messageEn).toContain('"Tuổi"');
    expect(err.messageEn).toContain('date of birth');
  });
});

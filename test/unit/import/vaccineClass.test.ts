// Session 25: hospital systems code drugs by ATC, and J07BX03 is the class of every COVID-19
// vaccine. A vaccine cell holding it, or only "Vắc xin phòng COVID-19", was "not in the catalog of
// the 8 licensed vaccines", which a clerk who knows J07BX03 is a COVID-19 vaccine cannot act on.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a vaccine cell naming only the class of all COVID-19 vaccines', () => {
  it('is an error saying it is a class, not a product; a product name beside the code is read', async () => {
    const path = tmp.file('atc.csv');
    const cells = ['J07BX03', 'Vắc xin phòng COVID-19', 'COVID-19 vaccine', 'J07BX03 - Vaxzevria'];
    const rows = cells.map((v, i) => [String(i + 1), 'Nguyễn Văn An', '12/03/1985', 'Nam', `00108501234${i}`, '0912345678', v, 'NJ0342', '1', `1${i}/07/2021`]);
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    const codes = preview.records.map((r) => r.findings.filter((f) => f.field === 'vaccine').map((f) => f.code));
    expect(codes).toEqual([['IMPORT_VACCINE_CLASS'], ['IMPORT_VACCINE_CLASS'], ['IMPORT_VACCINE_CLASS'], []]);
    const f = preview.records[0]!.findings.find((x) => x.code === 'IMPORT_VACCINE_CLASS')!;
    expect(f.severity).toBe('error');
    expect(f.message_vi).toContain('J07BX03');
    expect(f.message_vi).toContain('không phải một vắc xin');
    expect(f.message_en).toContain('class');
    expect(preview.records[3]!.input.dose.vaccine).toBe('ASTRAZENECA');
  });
});

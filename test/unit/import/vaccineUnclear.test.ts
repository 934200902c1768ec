// Probe 2 of clinic files: a vaccine cell that names two of the catalog's vaccines ("Pfizer/
// Moderna") or a maker's name for two products ("Sputnik") was an error saying the vaccine is "not
// in the catalog", which a clerk who sees Pfizer in the catalog cannot act on. Still an error,
// saying why.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { vaccinesNamedTogether } from '../../../shared/domain/vaccines.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a vaccine cell naming more than one vaccine', () => {
  it('names the catalog vaccines it holds, or the products of a family name', () => {
    const codes = (text: string) => {
      const r = vaccinesNamedTogether(text);
      return r === null ? null : 'named' in r ? r.named.map((v) => v.code) : r.family;
    };
    expect(codes('Pfizer/Moderna')).toEqual(['PFIZER', 'MODERNA']);
    expect(codes('Pfizer hoặc Moderna')).toEqual(['PFIZER', 'MODERNA']);
    expect(codes('AstraZeneca + Pfizer')).toEqual(['ASTRAZENECA', 'PFIZER']);
    expect(codes('Sputnik')).toEqual(['Sputnik V', 'Sputnik Light']);
    // One vaccine, another product, or no vaccine: nothing to say here.
    for (const text of ['Pfizer', 'Vero Cell (Sinopharm)', 'Sputnik Light', 'Vero Cell (Sinovac)', 'Vaccine', 'Sinopharm WIBP']) expect(codes(text), text).toBeNull();
  });

  it('through a file: an error on the vaccine saying which vaccines, in place of "not in the catalog"', async () => {
    const path = tmp.file('two.csv');
    const rows = [
      ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678', 'Pfizer/Moderna', 'FF2587', '1', '15/07/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', 'Nữ', '001185012346', '0912345679', 'Sputnik', 'I-250621', '1', '15/07/2021'],
      ['3', 'Trần Văn C', '12/03/1985', 'Nam', '001085012347', '0912345670', 'Sinovac', 'SV1234', '1', '15/07/2021'],
    ];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.status, r.findings.map((f) => f.code)])).toEqual([
      ['error', ['IMPORT_VACCINE_TWO']],
      ['error', ['IMPORT_VACCINE_FAMILY']],
      ['error', ['VACCINE_UNKNOWN']],
    ]);
    expect(preview.records[0]!.findings[0]!.message_vi).toBe(
      'Ô vắc xin "Pfizer/Moderna" ghi nhiều vắc xin (Vắc xin Pfizer-BioNTech (Comirnaty), Vắc xin Moderna (Spikevax)): mỗi mũi tiêm là một vắc xin. Hãy ghi tên vắc xin đã tiêm cho mũi này.',
    );
  });
});

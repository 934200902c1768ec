// Session 26: a phone cell holding three numbers and a note was only PHONE_FORMAT, a warning; a
// clerk's "import with warnings" made it ready, and past the signed record's 32 characters the
// platform refused the whole batch it was signed in. The import now says PHONE_TOO_LONG, an error.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a phone cell past what a signed record holds', () => {
  it('is an error on its row, naming the length; the other rows are as before', async () => {
    const path = tmp.file('phone-too-long.csv');
    const rows = [
      ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678 - 0987654321 - 0243812345 (chồng)', 'Pfizer', 'FF1234', '1', '01/08/2021'],
      ['2', 'Trần Thị Bình', '03/02/1970', 'Nữ', '079170000456', '0912345679', 'Pfizer', 'FF1234', '1', '01/08/2021'],
    ];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.status, r.findings.map((f) => f.code)])).toEqual([['error', ['PHONE_TOO_LONG']], ['ready', []]]);
    expect(preview.records[0]!.findings[0]!.message_en).toContain('35 characters long');
  });
});

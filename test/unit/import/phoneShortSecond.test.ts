// Session 23: a second phone written as the first's last digits ("0912345678/79": 0912345679) made
// the cell PHONE_FORMAT, though the first number was whole.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePhone } from '../../../electron/core/import/parseTextCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a phone cell with a shortened second number', () => {
  it('keeps the first number and says both, the second written out', () => {
    for (const [cell, first, second] of [
      ['0912345678/79', '0912345678', '0912345679'],
      ['0912345678 / 79', '0912345678', '0912345679'],
      ['0912.345.678/79', '0912.345.678', '0912345679'],
      ['0912345678/9', '0912345678', '0912345679'],
      ['0912345678/5679', '0912345678', '0912345679'],
      ['0912345678; 80', '0912345678', '0912345680'],
      ['+84 912 345 678/79', '+84 912 345 678', '+84912345679'],
      // Whole, as before.
      ['0912345678 / 0912345679', '0912345678', '0912345679'],
    ] as const) {
      const read = parsePhone(cell);
      expect([read.phone, read.findings.map((f) => [f.code, f.severity])], cell).toEqual([first, [['IMPORT_PHONE_TWO', 'warning']]]);
      expect(read.findings[0]!.message_vi, cell).toContain(`(${first} và ${second})`);
      expect(read.findings[0]!.message_en, cell).toContain(`(${first} and ${second})`);
    }
    expect(parsePhone('0912345678/79').findings[0]!.message_vi).toBe(
      'Ô số điện thoại có hai số (0912345678 và 0912345679): đã giữ số đầu. Hãy kiểm tra lại.',
    );
  });

  it('the same number once more is one; five digits or more after the slash are not expanded', () => {
    expect(parsePhone('0912345678/78')).toEqual({ phone: '0912345678', findings: [] });
    for (const cell of ['0912345678/45679', '0912345678/', '0912345678/7a', '12345/79']) expect(parsePhone(cell), cell).toEqual({ phone: cell, findings: [] });
  });

  it('through a file: the first number is stored, said, with no format error', async () => {
    const path = tmp.file('phone-short-second.csv');
    const rows = [['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678/79', 'Pfizer', 'FF1234', '1', '01/08/2021']];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.person.phone, r.status, r.findings.map((f) => f.code)])).toEqual([['0912345678', 'warning', ['IMPORT_PHONE_TWO']]]);
  });
});

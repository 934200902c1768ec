// Session 25: hospital systems write a dose's time before its date ("08:30:00 12/08/2021") or as
// one compact timestamp ("20210812083000", a number in a workbook, text in a CSV). Both were
// unreadable dates: every row of such a list an error.
import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';

const read = (value: string | number, field: 'dob' | 'vaccinationDate' = 'vaccinationDate') => {
  const parsed = parseDateCell(value, field, false);
  return [parsed.value, parsed.findings.map((f) => f.code)];
};

describe('a hospital system\'s date and time', () => {
  it('reads the time written before the date', () => {
    for (const text of ['08:30:00 12/08/2021', '08:30 12/08/2021', '8:30 12/08/2021', '08:30:00, 12/08/2021', '14:05:59 12-08-2021', '08:30 SA 12/08/2021', '8:30 AM 12/08/2021', '08:30:00 2021-08-12']) {
      expect(read(text), text).toEqual(['2021-08-12', []]);
    }
  });

  it('reads a compact timestamp, as text or a number', () => {
    for (const value of ['20210812083000', 20210812083000, '202108120830', 202108120830, '20210812235959']) expect(read(value), String(value)).toEqual(['2021-08-12', []]);
  });

  it('leaves what is no time and date, or no real moment, unreadable', () => {
    for (const value of ['20210812253000', '20211312083000', '20210832083000', '2021081208300', '25:30 12/08/2021', '08:30 12/13/2021x']) {
      expect(read(value)[1], String(value)).toContain('IMPORT_DATE_UNREADABLE');
    }
  });
});

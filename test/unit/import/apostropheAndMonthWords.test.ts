// Probe of session 26: dates a clinic's cells hold as text, which were errors: a date after the
// apostrophe a system writes to keep it text in Excel ("'12/08/2021", literal in the cell once
// the file has been through a CSV), the month as a word ("13 Tháng Tám 2021"), a month and
// year of birth in words ("tháng 6/1990", "Tháng 6 năm 1990").
import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';

describe('dates written as text', () => {
  it.each([
    ["'12/08/2021", '2021-08-12'],
    [" '12/08/2021", '2021-08-12'],
    ['13 Tháng Tám 2021', '2021-08-13'],
    ['ngày 1 tháng Giêng năm 2022', '2022-01-01'],
    ['2 tháng Năm năm 2021', '2021-05-02'],
    ['20 tháng Mười Một 2021', '2021-11-20'],
    ['20 tháng Mười 2021', '2021-10-20'],
    ['25 tháng Chạp 2021', '2021-12-25'],
  ])('"%s" is %s', (text, iso) => {
    expect(parseDateCell(text, 'vaccinationDate', false)).toEqual({ value: iso, findings: [] });
  });

  it.each([
    ['tháng 6/1990', '1990-06'],
    ['Tháng 6 năm 1990', '1990-06'],
    ["'06/1990", '1990-06'],
  ])('a date of birth "%s" is the month and year %s', (text, value) => {
    expect(parseDateCell(text, 'dob', false)).toEqual({ value, findings: [] });
  });

  it('an apostrophe alone, or a month word with no number of a day, is still unreadable', () => {
    expect(parseDateCell("'", 'vaccinationDate', false).findings.map((f) => f.code)).toEqual(['IMPORT_DATE_UNREADABLE']);
    expect(parseDateCell('Tháng Tám 2021', 'vaccinationDate', false).findings.map((f) => f.code)).toEqual(['IMPORT_DATE_UNREADABLE']);
  });
});

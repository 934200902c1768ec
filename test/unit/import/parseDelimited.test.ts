import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDelimited, parseDelimited, SEPARATORS } from '../../../electron/core/import/parseDelimited.js';
import { detectSeparator } from '../../../electron/core/import/readDelimitedFile.js';

const parse = (text: string, sep = ','): string[][] => [...parseDelimited(text, sep)].map((r) => r.fields);

describe('parseDelimited (the CSV dialect Excel writes)', () => {
  it('splits on the separator and on CRLF, LF and lone CR', () => {
    expect(parse('a,b\r\nc,d\ne,f\rg,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks inside', () => {
    expect(parse('"Nguyễn, Văn An","say ""hi""","line1\r\nline2"\nx,y,z')).toEqual([
      ['Nguyễn, Văn An', 'say "hi"', 'line1\r\nline2'],
      ['x', 'y', 'z'],
    ]);
  });

  it('numbers records as Excel shows rows, and keeps the physical line each starts on', () => {
    const records = [...parseDelimited('h1,h2\n"a\nb",c\n\nd,e\n', ',')];
    expect(records.map((r) => [r.row, r.line, r.fields])).toEqual([
      [1, 1, ['h1', 'h2']],
      [2, 2, ['a\nb', 'c']],
      [3, 4, ['']],
      [4, 5, ['d', 'e']],
    ]);
  });

  it('keeps empty fields, a trailing separator and text after a closing quote (as Excel does)', () => {
    expect(parse(',a,,b,')).toEqual([['', 'a', '', 'b', '']]);
    expect(parse('"ab"c,d')).toEqual([['abc', 'd']]);
  });

  it('reads an unterminated quote as the rest of the file, and marks it with the line and field it opens on', () => {
    expect(parse('a,"b,c\nd')).toEqual([['a', 'b,c\nd']]);
    const records = [...parseDelimited('h1,h2,h3\r\n1,"Nguyễn Văn An,01/02/1990\r\n2,Trần Thị Hà,03/04/1985\r\n', ',')];
    expect(records).toHaveLength(2);
    expect(records[0]!.quoteTrouble).toBeUndefined();
    expect(records[1]!.quoteTrouble).toEqual({ kind: 'unclosed', line: 2, column: 2, closeLine: 4, start: 'Nguyễn Văn An,01/02/1990' });
  });

  it('marks a quote that closes only after taking in a whole row, with the lines it opens and closes on', () => {
    const text = 'STT,Họ và tên,Ngày sinh,Ghi chú\n1,"Nguyễn Văn An,01/02/1990,\n2,Trần Thị Hà,03/04/1985,\n3,Lê Văn Tám,05/06/1970,"ho, sốt"\n4,Phạm Thị Lan,07/08/1991,\n';
    const records = [...parseDelimited(text, ',')];
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(records[1]!.quoteTrouble).toEqual({ kind: 'rows-inside', line: 2, column: 2, closeLine: 4, start: 'Nguyễn Văn An,01/02/1990,' });
    expect(records[2]!.quoteTrouble).toBeUndefined();
  });

  it('does not mark the line breaks Excel writes inside a cell (addresses and notes with commas)', () => {
    const text = [
      'STT,Họ và tên,Địa chỉ,Ghi chú',
      '1,Nguyễn Văn An,"Số 12, ngõ 3, Lê Lợi\r\nPhường Bến Nghé, Quận 1\r\nTP. Hồ Chí Minh","ho, sốt\r\n\r\nhẹn tiêm lại"',
      '2,Trần Thị Hà,"Thôn 2,\nxã An Phú,\nhuyện Củ Chi",',
    ].join('\r\n');
    const records = [...parseDelimited(text, ',')];
    expect(records.map((r) => r.fields)).toEqual([
      ['STT', 'Họ và tên', 'Địa chỉ', 'Ghi chú'],
      ['1', 'Nguyễn Văn An', 'Số 12, ngõ 3, Lê Lợi\r\nPhường Bến Nghé, Quận 1\r\nTP. Hồ Chí Minh', 'ho, sốt\r\n\r\nhẹn tiêm lại'],
      ['2', 'Trần Thị Hà', 'Thôn 2,\nxã An Phú,\nhuyện Củ Chi', ''],
    ]);
    expect(records.map((r) => r.quoteTrouble)).toEqual([undefined, undefined, undefined]);
  });

  it('round-trips any table through quoting, for every separator and line ending (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Đ', 'ễ', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '1'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        (table, sep, nl, trailing) => {
          const text = formatDelimited(table, sep, nl) + (trailing ? nl : '');
          expect(parse(text, sep)).toEqual(table);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detects the separator of a clinic table whatever the data holds (property)', () => {
    const header = ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Mũi số', 'Ngày tiêm'];
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '|', '/', '1'), maxLength: 10 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 10 }), fc.constantFrom(...SEPARATORS), fc.boolean(), (rows, sep, title) => {
        const table = [...(title ? [['DANH SÁCH TIÊM CHỦNG, XÃ A; 2021']] : []), header, ...rows];
        expect(detectSeparator(formatDelimited(table, sep))).toBe(sep);
      }),
      { numRuns: 300 },
    );
  });
});

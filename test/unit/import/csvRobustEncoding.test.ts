// A UTF-8 list with a few stray bytes is refused with the place of the first one, never read as
// Windows-1258 (which would turn every name into mojibake); real 1258 files still read as 1258.
import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { decodeText } from '../../../electron/core/import/decodeText.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { encodeText, makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

function refusal(bytes: Uint8Array): StationError {
  try {
    decodeText(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a refusal');
}

const ASCII_HEADER = 'STT,Ho va ten,Ngay sinh,Gioi tinh,So CCCD,SDT,Vac xin,So lo,Mui,Ngay tiem,Ghi chu';
const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Tên vắc xin,Số lô,Mũi tiêm thứ,Ngày tiêm,Ghi chú';
const ROWS = [
  '1,Lê Văn Tám,15/03/1981,Nam,079081000100,0912345678,AstraZeneca,AB1234,1,01/07/2021,ok',
  '2,Phạm Thị Lan,15/03/1982,Nữ,079182000101,0912345678,AstraZeneca,AB1234,1,01/07/2021,sốt 38°',
  '3,Nguyễn Thị Hồng,20/11/1990,Nữ,079190000102,0987654321,Pfizer,FA5765,2,15/08/2021,',
];
/** The table as UTF-8, with the "°" of row 2 typed as the single byte 0xB0 (an ANSI editor). */
function withStrayDegree(header: string): Buffer {
  const utf8 = Buffer.from([header, ...ROWS].join('\r\n') + '\r\n', 'utf8');
  const at = utf8.indexOf(Buffer.from('°', 'utf8'));
  return Buffer.concat([utf8.subarray(0, at), Buffer.from([0xb0]), utf8.subarray(at + 2)]);
}

describe('UTF-8 with a stray byte (IMPORT_BAD_ENCODING, naming the place)', () => {
  it.each([
    ['an unaccented header', ASCII_HEADER],
    ['a Vietnamese header', HEADER],
  ])('refuses a UTF-8 list with %s and one stray byte, naming its line, byte offset and the text before it', (_, header) => {
    const bytes = withStrayDegree(header);
    const e = refusal(bytes);
    expect(e.code).toBe('IMPORT_BAD_ENCODING');
    expect(e.details).toMatchObject({ line: 3, offset: bytes.indexOf(0xb0) });
    expect(e.messageVi).toContain('dòng 3');
    expect(e.messageVi).toContain('",1,01/07/2021,sốt 38"');
    expect(e.messageEn).toContain(`line 3, right after ",1,01/07/2021,sốt 38" (byte offset ${bytes.indexOf(0xb0)})`);
  });

  it('refuses the whole import (no row read as mojibake such as "LĂª VÄƒn TĂ¡m")', async () => {
    const path = tmp.file('stray.csv');
    writeFileSync(path, withStrayDegree(ASCII_HEADER));
    await expect(previewImport(path, { now })).rejects.toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'utf-8', line: 3 } });
  });

  it('refuses a UTF-8 list with a row pasted from a Windows-1258 file, naming that row', () => {
    const pasted = encodeText('4,Đặng Văn Hùng,02/02/1979,Nam,079079000103,0909000111,Moderna,MD0001,1,10/09/2021,khỏe\r\n', 'windows-1258');
    const bytes = Buffer.concat([Buffer.from([HEADER, ...ROWS].join('\r\n') + '\r\n', 'utf8'), pasted]);
    const e = refusal(bytes);
    expect(e.code).toBe('IMPORT_BAD_ENCODING');
    expect(e.details).toMatchObject({ line: 5 });
    expect(e.messageEn).toContain('line 5, right after "4,"');
  });

  it('names the place after a UTF-8 byte order mark too (offsets count the mark)', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withStrayDegree(HEADER)]);
    expect(refusal(bytes)).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'utf-8-bom', line: 3, offset: bytes.indexOf(0xb0) } });
  });

  it('names the first byte Windows-1258 has no letter for when the file is not UTF-8 either', () => {
    const bytes = Buffer.concat([encodeText('Họ và tên\r\nĐức', 'windows-1258'), Buffer.from([0x81, 0x0d, 0x0a])]);
    const e = refusal(bytes);
    expect(e).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'windows-1258', line: 2, offset: bytes.indexOf(0x81) } });
    expect(e.messageEn).toContain('line 2');
  });
});

// Names and notes as clinics type them: every family, middle and given name here has a letter
// outside ASCII; notes put symbols right after toned letters (1258's coincidental UTF-8).
const SYLLABLES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Hương', 'Thảo', 'Trâm', 'Yến', 'Ánh', 'Phượng', 'Lộc', 'Dũng', 'Cường', 'Sơn'];
const NOTES = ['', 'ok', 'sốt 38°', '“khỏe”', 'dị ứng – nhẹ', 'Hà Nội', 'tiêm “nhắc lại”', 'nhiệt độ 37,5°', 'mẹ: “Hồ”', 'ở Đà Nẵng’', 'hẹn 2 tuần…', 'ghi chú\u00a0thêm'];
const name = fc.tuple(fc.constantFrom(...SYLLABLES), fc.constantFrom(...SYLLABLES), fc.constantFrom(...SYLLABLES)).map((parts) => parts.join(' '));
const table = (minRows: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(ASCII_HEADER, HEADER),
      fc.array(fc.tuple(name, fc.integer({ min: 1, max: 28 }), fc.constantFrom(...NOTES)), { minLength: minRows, maxLength: 12 }),
      fc.constantFrom('\r\n', '\n'),
    )
    .map(([header, rows, nl]) =>
      [header, ...rows.map(([n, day, note], i) => `${i + 1},${n},${String(day).padStart(2, '0')}/03/1981,Nam,079081000100,0912345678,AstraZeneca,AB1234,1,01/07/2021,${note}`)].join(nl) + nl,
    );

describe('UTF-8 or Windows-1258: the decision over any clinic list (properties)', () => {
  it('never reads Vietnamese UTF-8 with up to 3 stray bytes as Windows-1258, and names the first stray', () => {
    const strays = fc.array(fc.tuple(fc.integer({ min: 0x80, max: 0xff }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(table(6), strays, (text, inserts) => {
        let bytes = Buffer.from(text, 'utf8');
        for (const [byte, where] of inserts) {
          const at = Math.floor(where * (bytes.length + 1));
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
        }
        // Two strays at the very start can spell a UTF-16 byte order mark (FF FE, FE FF): the file
        // then says it is UTF-16, and is read so.
        if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return;
        if (isUtf8(bytes)) {
          // The strays happened to spell a letter together: it is UTF-8, whatever it says.
          expect(decodeText(bytes).encoding).toBe('utf-8');
          return;
        }
        const lossy = new TextDecoder('utf-8').decode(bytes);
        const firstBad = lossy.indexOf('\ufffd');
        const e = refusal(bytes);
        expect(e.code).toBe('IMPORT_BAD_ENCODING');
        // Lines as an editor shows them: a stray between CR and LF (found with seed -1253439828)
        // stands after a lone CR, which ends a line too.
        expect((e.details as { line: number }).line).toBe(lossy.slice(0, firstBad).split(/\r\n|\r|\n/).length);
        expect(Buffer.from(lossy.slice(0, firstBad), 'utf8').length).toBe((e.details as { offset: number }).offset);
      }),
      { numRuns: 1000 },
    );
  });

  it('still reads a Windows-1258 list as Windows-1258, symbols after toned letters included', () => {
    fc.assert(
      fc.property(table(1), (text) => {
        const bytes = encodeText(text, 'windows-1258');
        fc.pre(!isUtf8(bytes));
        expect(decodeText(bytes)).toEqual({ text: text.normalize('NFC'), encoding: 'windows-1258' });
      }),
      { numRuns: 1000 },
    );
  });
});

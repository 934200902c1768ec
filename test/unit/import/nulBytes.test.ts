// NUL bytes in a CSV: padding after the text (a copy tool, a file cut short on a USB stick) is
// no part of it; a NUL inside the text is refused where it is, not as "not a spreadsheet".
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { refuseNulInText, withoutNulPadding } from '../../../electron/core/import/nulBytes.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { csvField, encodeText, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, type CsvEncoding } from '../../fixtures/clinicFiles.js';
import { refusalOf } from './xlsx/refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const doses = makeDoses(4, 3);
const text = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))].map((r) => r.map((f) => csvField(f, ',')).join(',')).join('\r\n') + '\r\n';

describe('NUL bytes after the text', () => {
  it('are ignored in every encoding, however many', () =>
    fc.assert(
      fc.asyncProperty(fc.constantFrom<CsvEncoding>('utf-8', 'utf-8-bom', 'windows-1258', 'utf-16le', 'utf-16be'), fc.integer({ min: 1, max: 9000 }), async (encoding, nuls) => {
        const path = tmp.file('padded.csv');
        // UTF-16 padding by whole characters, as a copy tool pads a file to its blocks.
        const pad = encoding.startsWith('utf-16') ? nuls * 2 : nuls;
        writeFileSync(path, Buffer.concat([encodeText(text, encoding), Buffer.alloc(pad)]));
        const preview = await previewImport(path, { now });
        expect(preview).toMatchObject({ format: 'csv', rows: doses.length });
        expect(preview.records.map((r) => r.input.person.fullName)).toEqual(doses.map((d) => d.person.fullName));
      }),
      { numRuns: 25 },
    ), 60_000);
});

describe('a NUL byte inside the text', () => {
  it('is refused naming its line and byte offset', async () => {
    const bytes = Buffer.from(text, 'utf8');
    const lineStart = bytes.indexOf('\r\n', bytes.indexOf('\r\n') + 2) + 2; // line 3
    const at = lineStart + 4;
    writeFileSync(tmp.file('nul-inside.csv'), Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at), Buffer.alloc(100)]));
    const e = await refusalOf(() => previewImport(tmp.file('nul-inside.csv'), { now }));
    expect(e).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { line: 3, offset: at, reason: 'NUL byte' } });
    expect(e.messageVi).toContain(`dòng 3`);
    expect(e.messageVi).toContain(`vị trí byte ${at}`);
    expect(e.messageEn).toContain(`a NUL byte (0x00) on line 3 (byte offset ${at})`);
  });
});

// Session 25, a mutation probe: the padding's bounds in UTF-16 and the NUL's line could move with
// every test above still green (all of their texts end with a line break).
describe('the padding\'s bounds', () => {
  const bytes = (...b: number[]) => Buffer.from(b);

  it('a text ending without a line break keeps its last character, UTF-16 little-endian with or without a BOM', async () => {
    const unended = text.replace(/\r\n$/, '');
    writeFileSync(tmp.file('ended.csv'), text);
    const lastDate = (await previewImport(tmp.file('ended.csv'), { now })).records.at(-1)!.input.dose.vaccinationDate;
    expect(lastDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [name, body] of [['bom', encodeText(unended, 'utf-16le')], ['bomless', Buffer.from(unended, 'utf16le')]] as const) {
      const path = tmp.file(`unended-${name}.csv`);
      writeFileSync(path, Buffer.concat([body, Buffer.alloc(512)]));
      const preview = await previewImport(path, { now });
      expect(preview.records.at(-1)!.input.dose.vaccinationDate, name).toBe(lastDate);
    }
  });

  it('cuts whole UTF-16 characters only, and leaves a file of odd length that has NULs inside as it is', () => {
    // "A1" in UTF-16LE: the 1's high byte is a NUL, not padding.
    expect([...withoutNulPadding(bytes(0xff, 0xfe, 0x41, 0, 0x31, 0, 0, 0, 0, 0))]).toEqual([0xff, 0xfe, 0x41, 0, 0x31, 0]);
    expect([...withoutNulPadding(bytes(0x41, 0, 0x31, 0, 0, 0))]).toEqual([0x41, 0, 0x31, 0]);
    expect([...withoutNulPadding(bytes(0, 0x41, 0, 0x31, 0, 0))]).toEqual([0, 0x41, 0, 0x31]);
    expect([...withoutNulPadding(bytes(0x41, 0, 0x31, 0, 0))]).toEqual([0x41, 0, 0x31, 0, 0]);
    // 8-bit text: every NUL after it goes.
    expect([...withoutNulPadding(bytes(0x41, 0x31, 0, 0, 0))]).toEqual([0x41, 0x31]);
  });

  it('names the line of a NUL in a file with Mac line ends (CR) or tab-separated cells', () => {
    const lineOf = (b: Buffer): unknown => {
      try {
        refuseNulInText(b);
        return null;
      } catch (e) {
        return (e as { details: { line: number } }).details.line;
      }
    };
    const rows = (sep: string, end: string) => ['Họ tên', 'Nguyễn Văn An', 'Trần Thị B\0nh', ...Array.from({ length: 20 }, (_, i) => `Lê Văn Cường ${i}`)].map((n) => `${n}${sep}15/03/1985${sep}${sep}${sep}`).join(end);
    expect(lineOf(Buffer.from(rows(',', '\r')))).toBe(3);
    expect(lineOf(Buffer.from(rows('\t', '\r\n')))).toBe(3);
    // Many NULs: a binary file, refused as such by decodeText, not as a NUL in a text.
    expect(lineOf(Buffer.concat([Buffer.from('An,1985\r\n'.repeat(20)), Buffer.alloc(20, 0), Buffer.from('Binh')]))).toBeNull();
  });
});

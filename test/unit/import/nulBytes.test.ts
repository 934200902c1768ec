// NUL bytes in a CSV: padding after the text (a copy tool, a file cut short on a USB stick) is
// no part of it; a NUL inside the text is refused where it is, not as "not a spreadsheet".
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
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

// Every part's CRC is checked once the reader is done (readSheet.ts → checkZipEntries), skipping
// the parts the reader itself inflated to their end with CRC and size checked. The guarantees of
// the check that used to run before the reader stay: damage anywhere refuses the file as
// IMPORT_CORRUPT_ZIP, also when something else is wrong with it, and nothing is previewed.
import { open } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { checkZipEntries } from '../../../electron/core/import/checkZipEntries.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { partKey, readPart } from '../../../electron/core/import/xlsx/zipParts.js';
import { readZipDirectory } from '../../../electron/core/import/zipDirectory.js';
import { inlineSheetData, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');
const MARK = 'PICTURE-BYTES-0123456789';

/** A workbook with an unread stored part (a picture) whose bytes no longer match its CRC when `damaged`. */
function workbook(name: string, sheetData: string, damaged: boolean): string {
  const path = tmp.file(name);
  writeRawXlsx(path, sheetData, { extraEntries: [{ name: 'xl/media/image1.png', data: Buffer.from(MARK.repeat(20)), store: true }] });
  if (damaged) {
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from(MARK)) + 3;
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(path, bytes);
  }
  return path;
}

async function refusal(path: string): Promise<StationError | 'previewed'> {
  try {
    await previewImport(path, { now });
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  return 'previewed';
}

const goodSheet = inlineSheetData([STANDARD_HEADER, ...makeDoses(20, 3).map((d, i) => standardRow(d, i + 1))]);
const noHeaderSheet = inlineSheetData([['a', 'b', 'c'], ['1', '2', '3']]);

describe('the whole-file CRC check after the reader', () => {
  it('refuses damage in a part the reader never reads', async () => {
    expect(await refusal(workbook('good.xlsx', goodSheet, false))).toBe('previewed');
    const e = await refusal(workbook('bad-picture.xlsx', goodSheet, true));
    expect(e).toMatchObject({ code: 'IMPORT_CORRUPT_ZIP', details: { entry: 'xl/media/image1.png' } });
  });

  it('reports the damage first when the reader fails for another reason', async () => {
    expect(await refusal(workbook('no-header.xlsx', noHeaderSheet, false))).toMatchObject({ code: 'IMPORT_NO_HEADER' });
    expect(await refusal(workbook('no-header-bad-picture.xlsx', noHeaderSheet, true))).toMatchObject({
      code: 'IMPORT_CORRUPT_ZIP',
      details: { entry: 'xl/media/image1.png' },
    });
  });

  it('skips only the parts read to their end with a matching CRC', async () => {
    const path = workbook('skip.xlsx', goodSheet, true);
    const handle = await open(path, 'r');
    try {
      const dir = await readZipDirectory(handle, (await handle.stat()).size);
      if (!dir.ok) throw new Error(dir.reason);
      const picture = dir.entries.find((e) => e.name === 'xl/media/image1.png')!;
      const sheet = dir.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
      const verified = new Set<string>();
      for await (const _ of readPart({ path, handle, bytesRead: 0, verified }, sheet));
      await expect(async () => {
        for await (const _ of readPart({ path, handle, bytesRead: 0, verified }, picture));
      }).rejects.toThrow(/checksum/);
      // The sheet, read whole and good, is remembered; the damaged picture is not.
      expect([...verified]).toEqual([partKey(sheet)]);
      await expect(checkZipEntries(path, handle, dir.entries, undefined, verified)).rejects.toMatchObject({ code: 'IMPORT_CORRUPT_ZIP' });
      // Given as verified (what a reader that had read it would say), the picture is not inflated.
      await expect(checkZipEntries(path, handle, dir.entries, undefined, new Set([...verified, partKey(picture)]))).resolves.toBeUndefined();
    } finally {
      await handle.close();
    }
  });
});

// A damaged workbook is refused with the code that says where the damage is — the zip
// (IMPORT_CORRUPT_ZIP: a part cut short, its deflate stream or CRC wrong) or the content
// (IMPORT_CORRUPT_XLSX: XML that is not XML, a sheet whose part is missing) — by the reader itself
// and through a commit, which then stores nothing.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../shared/errors.js';
import { commitImport } from '../../../../electron/core/import/commitImport.js';
import { DEFAULT_IMPORT_LIMITS } from '../../../../electron/core/import/importLimits.js';
import { readXlsxSheets } from '../../../../electron/core/import/readXlsxSheets.js';
import { importStorePort } from '../../../../electron/core/import/storePort.js';
import { openTestStore, type TestStore } from '../../db/storeHarness.js';
import { inlineSheetData, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx } from '../../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
let t: TestStore;
beforeEach(() => {
  t = openTestStore({ actor: 'user:import-test' });
});
afterEach(() => t.close());

const sheetData = inlineSheetData([STANDARD_HEADER, ...makeDoses(200, 3).map((d, i) => standardRow(d, i + 1))]);
const SHEET = 'xl/worksheets/sheet1.xml';

async function readerCode(path: string): Promise<string> {
  try {
    for await (const _ of readXlsxSheets(path, { limits: DEFAULT_IMPORT_LIMITS, size: statSync(path).size }));
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    const e = err as StationError;
    expect(e.messageVi).not.toBe(e.messageEn);
    return e.code;
  }
  return 'read';
}

async function commitCode(path: string): Promise<string> {
  const now = (): Date => new Date('2023-01-15T03:00:00Z');
  const code = await commitImport(path, importStorePort(t.store), { now }).then(
    () => 'committed',
    (err: StationError) => err.code,
  );
  expect((t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n).toBe(0);
  return code;
}

/** The sheet part's deflate stream cut to `keep` of its bytes, directory and headers made to agree (the sheet is the zip's last part). */
function cutLastPart(from: string, to: string, keep: number): void {
  const bytes = readFileSync(from);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  const centralName = bytes.indexOf(Buffer.from(SHEET), dirOffset) - 46;
  const localOffset = bytes.readUInt32LE(centralName + 42);
  const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26);
  const size = bytes.readUInt32LE(localOffset + 18);
  const cut = Math.floor(size * keep);
  const head = Buffer.from(bytes.subarray(0, dataStart + cut));
  head.writeUInt32LE(cut, localOffset + 18);
  const dir = Buffer.from(bytes.subarray(dirOffset));
  dir.writeUInt32LE(cut, centralName - dirOffset + 20);
  dir.writeUInt32LE(dataStart + cut, eocd - dirOffset + 16);
  writeFileSync(to, Buffer.concat([head, dir]));
}

describe('a damaged workbook', () => {
  it('a sheet part cut short is zip damage, and nothing is stored', async () => {
    const good = tmp.file('good.xlsx');
    writeRawXlsx(good, sheetData);
    expect(await readerCode(good)).toBe('read');
    const cut = tmp.file('cut.xlsx');
    cutLastPart(good, cut, 0.5);
    expect(await readerCode(cut)).toBe('IMPORT_CORRUPT_ZIP');
    expect(await commitCode(cut)).toBe('IMPORT_CORRUPT_ZIP');
  });

  it('a sheet whose XML is cut or broken is content damage, and nothing is stored', async () => {
    const cutXml = tmp.file('cut-xml.xlsx');
    writeRawXlsx(cutXml, sheetData.slice(0, Math.floor(sheetData.length * 0.7)));
    const badXml = tmp.file('bad-xml.xlsx');
    writeRawXlsx(badXml, sheetData.replace('</row>', '</c></row>'));
    for (const path of [cutXml, badXml]) {
      expect(await readerCode(path), path).toBe('IMPORT_CORRUPT_XLSX');
      expect(await commitCode(path), path).toBe('IMPORT_CORRUPT_XLSX');
    }
  });

  it('a sheet the workbook lists but the zip lacks is content damage, and nothing is stored', async () => {
    const path = tmp.file('no-sheet.xlsx');
    writeRawXlsx(path, sheetData, { extraEntries: [] });
    const bytes = readFileSync(path);
    // Rename the part in both headers: the workbook's sheet now points at nothing.
    let at = bytes.indexOf(Buffer.from(SHEET));
    while (at !== -1) {
      bytes.write('xl/worksheets/sheetX.xml', at);
      at = bytes.indexOf(Buffer.from(SHEET), at + 1);
    }
    writeFileSync(path, bytes);
    expect(await readerCode(path)).toBe('IMPORT_CORRUPT_XLSX');
    expect(await commitCode(path)).toBe('IMPORT_CORRUPT_XLSX');
  });
});

// DESIGN §9: "a file of 100 MB" gets a clear answer in bounded time. A clinic workbook that size
// carries a photo or a scanned logo; its rows must still stream through in seconds.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir('station-import-large-');
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const MB = 1024 * 1024;

describe('a 100 MB workbook', () => {
  // Bounded by the runner's timeout (60 s), not timed here (`npm run bench` measures speed).
  it('streams a 100 MB workbook (a 100 MB picture inside) and reads its rows', async () => {
    const doses = makeDoses(1000, 41);
    const path = tmp.file('with-photo.xlsx');
    writeRawXlsx(path, inlineSheetData([STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))]), {
      extraEntries: [{ name: 'xl/media/image1.png', data: randomBytes(100 * MB), store: true }],
    });
    expect(statSync(path).size).toBeGreaterThan(100 * MB);
    const progress: number[] = [];
    const preview = await previewImport(path, { now, onProgress: (done, _total, phase) => phase === 'read' && progress.push(done) });
    expect(preview).toMatchObject({ rows: 2000, ready: 2000, errors: 0 });
    expect(progress.at(-1)).toBeGreaterThan(100 * MB);
  });
});

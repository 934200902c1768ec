// DESIGN §9: "a file of 100 MB" gets a clear answer in bounded time. A clinic CSV that size is an
// export with a long notes column; it is read whole (one decode, one parse) and imported.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { csvField, makeDoses, makeTempDir, STANDARD_HEADER, standardRow } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir('station-import-large-');
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const MB = 1024 * 1024;

describe('a 100 MB CSV', () => {
  // Bounded by the runner's timeout (60 s), not timed here: on a loaded 2-core machine a wall-clock
  // bound only measures the neighbours; `npm run bench` measures speed.
  it('imports a 100 MB CSV whose bulk is long note columns', async () => {
    const doses = makeDoses(500, 43);
    const note = 'Theo dõi 30 phút sau tiêm, không có phản ứng bất thường; hẹn mũi tiếp theo. '.repeat(400);
    const path = tmp.file('notes.csv');
    // Three note columns, each cell under Excel's 32,767-character limit. Written row by row:
    // building one 100 MB string would cost more than the import being measured.
    const notes = Buffer.from(`,${[note, note, note].map((n) => csvField(n, ',')).join(',')}\r\n`);
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, `${[...STANDARD_HEADER, 'Ghi chú', 'Diễn biến', 'Xử trí'].join(',')}\r\n`);
      doses.forEach((d, i) => {
        writeSync(fd, standardRow(d, i + 1).map((f) => csvField(f, ',')).join(','));
        writeSync(fd, notes);
      });
    } finally {
      closeSync(fd);
    }
    expect(statSync(path).size).toBeGreaterThan(100 * MB);
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ format: 'csv', rows: 1000, ready: 1000 });
    expect(preview.records[999]!.cells.slice(10)).toEqual([note, note, note]);
  });
});

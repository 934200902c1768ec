// Probe 2 of clinic files: lots as clinics write them. A label ("Lô: FF2587"), Excel's apostrophe
// or the vial's expiry after the lot made a correct row an error (LOT_INVALID_CHARACTERS); two
// lots in one cell were stored as one without a word.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseTextCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a lot cell', () => {
  it('is the lot without a label, the apostrophe or the expiry written with it', () => {
    for (const [cell, lot] of [
      ['Lô: FF2587', 'FF2587'],
      ['Lô FF2587', 'FF2587'],
      ['lô số FF2587', 'FF2587'],
      ['Số lô: NJ0342', 'NJ0342'],
      ['Lô:NJ0342', 'NJ0342'],
      ['Lot no. 3003123', '3003123'],
      ["'FF2587", 'FF2587'],
      ['FF2587 (HSD 30/11/2021)', 'FF2587'],
      ['FF2587 HSD: 12/2021', 'FF2587'],
      // As typed otherwise: the case, a space inside, a lot that starts with the letters LO.
      ['ff2587', 'ff2587'],
      ['FF 2587', 'FF 2587'],
      ['LO12345', 'LO12345'],
      ['I-250621', 'I-250621'],
    ]) {
      expect(parseLot(cell), cell).toEqual({ lot, findings: [] });
    }
  });

  it('two lots in the cell are kept as written and said (which vial was this person\'s?)', () => {
    for (const cell of ['FF2587/FF2588', 'FF2587 - FF2588', 'Lô: FF2587/FF2588']) {
      const read = parseLot(cell);
      expect([read.lot, read.findings.map((f) => [f.code, f.severity])], cell).toEqual([cell.replace('Lô: ', ''), [['IMPORT_LOT_TWO', 'warning']]]);
    }
    expect(parseLot('FF2587/FF2588').findings[0]!.message_vi).toBe(
      'Ô số lô ghi hai số lô (FF2587 và FF2588): mỗi mũi tiêm là một lọ của một lô. Hãy ghi số lô của lọ đã tiêm cho người này.',
    );
    expect(parseLot('AB-1/2').findings).toEqual([]);
  });

  it('through a file: the rows are ready with the lot alone', async () => {
    const path = tmp.file('lots.csv');
    const rows = [
      ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678', 'Pfizer', 'Lô: FF2587', '1', '15/07/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', 'Nữ', '001185012346', '0912345679', 'Pfizer', 'FF2587 (HSD 30/11/2021)', '1', '15/07/2021'],
    ];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.dose.lot, r.status])).toEqual([
      ['FF2587', 'ready'],
      ['FF2587', 'ready'],
    ]);
  });
});

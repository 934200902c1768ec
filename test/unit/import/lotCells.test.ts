// Probe 2 of clinic files: lots as clinics write them. A label ("Lô: FF2587"), Excel's apostrophe
// or the vial's expiry after the lot made a correct row an error (LOT_INVALID_CHARACTERS); two
// lots in one cell were stored as one without a word.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';
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

// Probe 3 of clinic files: a lot written with the vaccine's name was stored with it ("Pfizer
// FF1234"); two lots apart by a comma only said the lot's characters were wrong; the lot column of a
// row per person holding each dose's lot ("NJ0342/NJ0343") gave both doses the whole cell.
describe('a lot cell with more than the lot', () => {
  it("is the lot without the dose's vaccine written before or after it", () => {
    for (const [cell, vaccine, lot] of [
      ['Pfizer FF1234', 'PFIZER', 'FF1234'],
      ['Comirnaty - FF1234', 'PFIZER', 'FF1234'],
      ['Moderna: 3002183', 'MODERNA', '3002183'],
      ['Vero Cell 202106A018', 'VERO_CELL', '202106A018'],
      ['FF1234 (Pfizer)', 'PFIZER', 'FF1234'],
      ['NJ0342 - AstraZeneca', 'ASTRAZENECA', 'NJ0342'],
      ['Pfizer lô FF1234', 'PFIZER', 'FF1234'],
      // The vaccine cell names none of the catalog: its own finding says so.
      ['Pfizer FF1234', 'Pfizzer???', 'FF1234'],
      // Letters that name no vaccine, or too few to tell from the lot's own: as typed.
      ['FF 2587', 'PFIZER', 'FF 2587'],
      ['AZ 1234', 'ASTRAZENECA', 'AZ 1234'],
    ]) {
      expect(parseLot(cell, { vaccine }), cell).toEqual({ lot, findings: [] });
    }
  });

  it("naming another vaccine than the dose's is an error: which was given?", () => {
    const read = parseLot('Moderna 3002183', { vaccine: 'PFIZER' });
    expect(read.lot).toBe('3002183');
    expect(read.findings.map((f) => [f.code, f.severity])).toEqual([['IMPORT_LOT_OTHER_VACCINE', 'error']]);
    expect(read.findings[0]!.message_vi).toBe(
      'Ô số lô "Moderna 3002183" ghi tên Vắc xin Moderna (Spikevax), nhưng vắc xin của mũi này là Vắc xin Pfizer-BioNTech (Comirnaty): hãy kiểm tra lại vắc xin và số lô đã tiêm.',
    );
  });

  it('two lots apart by a comma, a semicolon or a word are said as two lots, an error (the cell is no lot)', () => {
    for (const cell of ['FF2587, FF2588', 'FF2587;FF2588', 'FF2587 và FF2588', 'FF2587 + FF2588']) {
      const read = parseLot(cell);
      expect([read.lot, read.findings.map((f) => [f.code, f.severity])], cell).toEqual([cell, [['IMPORT_LOT_TWO', 'error']]]);
    }
    expect(parseLot('FF2587, FF2588, FF2589').findings[0]!.message_en).toBe(
      'The lot cell holds 3 lots (FF2587, FF2588 and FF2589): a dose is from one vial of one lot. Write the lot of the vial this person was given.',
    );
  });

  it("is the dose's own lot when each lot says its dose", () => {
    expect(parseLot('M1: FF2587; M2: FF2588', { dose: 2 })).toEqual({ lot: 'FF2588', findings: [] });
    expect(parseLot('Mũi 1: FF2587, mũi 2: FF2588', { dose: 1 })).toEqual({ lot: 'FF2587', findings: [] });
    expect(parseLot('M1: FF2587; M2: FF2588', { dose: 3 }).findings.map((f) => f.code)).toEqual(['IMPORT_LOT_TWO']);
  });

  it('in the lot column of a row per person, one lot per dose filled is each dose\'s in order, said', async () => {
    const path = tmp.file('shared-lot.csv');
    const rows = [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'CCCD', 'Vắc xin', 'Số lô', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2'],
      ['1', 'Lê Thị Bình', '12/03/1985', 'Nữ', '001185012346', 'AstraZeneca', 'NJ0342/NJ0343', '01/08/2021', '01/10/2021'],
      ['2', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', 'Pfizer', '"FF1234, FF1235"', '01/08/2021', '22/08/2021'],
      // One dose given: which of the two lots was it?
      ['3', 'Trần Văn Cường', '12/03/1985', 'Nam', '001085012347', 'Pfizer', 'FF1234/FF1235', '01/08/2021', ''],
    ];
    writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.row, r.input.dose.doseNumber, r.input.dose.lot, ...r.findings.map((f) => f.code)])).toEqual([
      [2, 1, 'NJ0342', 'IMPORT_LOT_BY_ORDER'],
      [2, 2, 'NJ0343', 'IMPORT_LOT_BY_ORDER'],
      [3, 1, 'FF1234', 'IMPORT_LOT_BY_ORDER'],
      [3, 2, 'FF1235', 'IMPORT_LOT_BY_ORDER'],
      [4, 1, 'FF1234/FF1235', 'IMPORT_LOT_TWO'],
    ]);
    expect(preview.records[1]!.findings[0]!.message_vi).toBe(
      'Mũi 2: Ô số lô "NJ0342/NJ0343" là ô dùng chung cho mũi 1 và mũi 2, ghi 2 số lô: đã đọc NJ0343 cho mũi 2 theo thứ tự trong ô. Hãy kiểm tra lại.',
    );
  });
});

// Probe 3: a "Số lô/HSD" column named no field (every row lacked its lot), and a date after the lot
// without the word HSD ("FF1234 - 30/11/2021") was stored as part of the lot.
describe('a lot with a date after it', () => {
  it('is the lot: the date is the vial\'s expiry or its date of manufacture', () => {
    for (const cell of ['FF1234 - 30/11/2021', 'FF1234 (30/11/2021)', 'FF1234 (11/2021)', 'FF1234 30.11.2021', 'FF1234, 30/11/2021', 'FF1234 - HD: 30/11/2021', 'FF1234 (NSX 01/2021)']) {
      expect(parseLot(cell), cell).toEqual({ lot: 'FF1234', findings: [] });
    }
  });

  // Probe of session 24: a two-digit year, a year alone after HD, and "SX" (sản xuất) kept the
  // expiry or the date of manufacture in the lot sent to the platform.
  it('with a two-digit year, a year alone after its word, or "SX" before it', () => {
    for (const cell of ['FF1234 HD 31/12/21', 'FF1234 - 31/12/21', 'FF1234 (HSD 30/11/21)', 'FF1234 hd 12/21', 'FF1234 HD 2022', 'FF1234 HSD: 2022', 'FF1234 SX 01/06/2021', 'FF1234 Ngày SX 01/06/2021', 'FF1234 NSX 01/21']) {
      expect(parseLot(cell), cell).toEqual({ lot: 'FF1234', findings: [] });
    }
  });

  it('without a word, a short date after it may be the lot\'s own: kept, and a space in a lot is said', () => {
    for (const cell of ['FF1234 12/21', 'AB12 2021']) expect(parseLot(cell), cell).toEqual({ lot: cell, findings: [] });
  });

  it('a lot that looks like a date stays as it is', () => {
    for (const cell of ['1/2021', '05-2021', 'AB-1/2021', 'I-250621']) expect(parseLot(cell), cell).toEqual({ lot: cell, findings: [] });
  });

  it('through a file with a "Số lô/HSD" column', async () => {
    const path = tmp.file('lot-hsd.csv');
    const rows = [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô/HSD', 'Mũi thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', '001085012345', 'Pfizer', 'FF1234 - 30/11/2021', '1', '01/08/2021'],
    ];
    writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.dose.lot, r.status])).toEqual([['FF1234', 'ready']]);
  });

  it('a space left inside the lot is a warning to confirm, not a lot stored ready', async () => {
    const path = tmp.file('lot-space.csv');
    const rows = [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', '001085012345', 'Pfizer', 'FF 1234', '1', '01/08/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', '001185012346', 'Pfizer', 'FF1234 x2', '1', '01/08/2021'],
      ['3', 'Trần Văn Cường', '12/03/1985', '001085012347', 'Pfizer', 'FF1234 HD 31/12/21', '1', '01/08/2021'],
    ];
    writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.dose.lot, r.status, r.findings.map((f) => f.code)])).toEqual([
      ['FF 1234', 'warning', ['LOT_SPACE']],
      ['FF1234 x2', 'warning', ['LOT_SPACE']],
      ['FF1234', 'ready', []],
    ]);
  });
});

// "Số lô SX" (the manufacturer's lot) was no header the importer knew: every row of the list said
// its lot was missing (probe of session 23, t15e_headers). It is the lot; and a header with "lô"
// in it that is still not known is named, once, as the column that may be the lot.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const header = (lot: string): string[] => ['STT', 'Họ tên', 'Ngày/tháng/năm sinh', 'Giới', 'Số định danh cá nhân', 'ĐT', 'Tên vaccine', lot, 'Mũi thứ', 'Ngày, tháng tiêm'];
const ROWS = [
  ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', '0912345678', 'Pfizer', 'FF2587', '1', '20/07/2021'],
  ['2', 'Trần Văn Bình', '16/04/1986', 'Nam', '001086012346', '0912345679', 'Pfizer', 'FF2587', '1', '20/07/2021'],
];

async function preview(lotHeader: string) {
  const path = tmp.file(`lot-${lotHeader.replace(/\W/g, '_')}.xlsx`);
  await writeXlsx(path, [{ name: 'DS', rows: [header(lotHeader), ...ROWS] }]);
  return previewImport(path, { now });
}

describe('the lot column', () => {
  it.each(['Số lô SX', 'Số lô sản xuất', 'Lô SX', 'Số lô/Hạn dùng', 'Lô vắc xin', 'Số lô vắc xin'])('headed "%s" is read', async (lotHeader) => {
    const p = await preview(lotHeader);
    expect(p.records.map((r) => [r.row, r.status, r.input.dose.lot])).toEqual([[2, 'ready', 'FF2587'], [3, 'ready', 'FF2587']]);
    expect(p.findings.filter((f) => f.code === 'IMPORT_LOT_COLUMN_UNKNOWN')).toEqual([]);
  });

  it('headed with "lô" in words the importer does not know is named once as the column that may be the lot', async () => {
    const p = await preview('Ký hiệu lô');
    expect(p.records.map((r) => r.findings.map((f) => `${f.field}:${f.code}`))).toEqual([['lot:FIELD_REQUIRED'], ['lot:FIELD_REQUIRED']]);
    const hints = p.findings.filter((f) => f.code === 'IMPORT_LOT_COLUMN_UNKNOWN');
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ row: 1, severity: 'warning', field: 'lot' });
    expect(hints[0]!.message_vi).toContain('Cột H ("Ký hiệu lô")');
    expect(hints[0]!.message_en).toContain('column H ("Ký hiệu lô")');
  });

  it('missing with no header naming a lot says nothing more than each row does', async () => {
    const p = await preview('Ghi chú');
    expect(p.findings.filter((f) => f.code === 'IMPORT_LOT_COLUMN_UNKNOWN')).toEqual([]);
  });
});

// Probe 3 of clinic files: an id cell saying why there is no number ("Chưa có CCCD", "Mất CMND",
// "Trẻ em") was told "the id type cannot be told: a CCCD has 12 digits…", and one holding the new
// CCCD and the old CMND ("001085012345/024123456", as people who have both write them) the same.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdCells } from '../../../electron/core/import/parseIdCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const codes = (id: string, type?: string): [string, string, string[]] => {
  const r = parseIdCells(id, type);
  return [r.idType, r.idNumber, r.findings.map((f) => `${f.code}:${f.severity}`)];
};

describe('an id cell with no number in it', () => {
  it('says there is none, whatever its words, and whatever the type column says', () => {
    for (const cell of ['Chưa có CCCD', 'Đang làm CCCD', 'Mất CMND', 'Trẻ em', 'x', 'Chưa có (trẻ em)', 'Không có']) {
      expect(codes(cell)[2], cell).toEqual(['IMPORT_ID_NONE:error']);
      expect(codes(cell, 'CCCD')[2], `${cell} | CCCD`).toEqual(['IMPORT_ID_NONE:error']);
    }
    expect(parseIdCells('Mất CMND', undefined).findings[0]!.message_vi).toBe(
      'Ô số giấy tờ ghi "Mất CMND": mỗi bản ghi cần số CCCD, CMND hoặc hộ chiếu của người được tiêm.',
    );
    // A passport has digits; digits alone are read as before.
    expect(codes('C1234567', 'Hộ chiếu')).toEqual(['PASSPORT', 'C1234567', []]);
    expect(codes('0')[2]).toEqual(['IMPORT_ID_TYPE_UNKNOWN:error']);
  });
});

describe('an id cell with a CCCD and a CMND', () => {
  it('is the CCCD (the type column\'s paper when it names one), said with both numbers', () => {
    for (const cell of ['001085012345/024123456', '001085012345 - 024123456', 'CCCD 001085012345, CMND 024123456', '001085012345 (CMND cũ: 024123456)']) {
      expect(codes(cell), cell).toEqual(['CCCD', '001085012345', ['IMPORT_ID_TWO:warning']]);
    }
    expect(codes('001085012345/024123456', 'CMND')).toEqual(['CMND', '024123456', ['IMPORT_ID_TWO:warning']]);
    expect(parseIdCells('001085012345/024123456', undefined).findings[0]!.message_vi).toBe(
      'Ô số giấy tờ ghi cả số CCCD (001085012345) và số CMND (024123456): đã đọc số CCCD 001085012345, không đọc số CMND 024123456. Hãy kiểm tra lại.',
    );
  });

  it('two numbers of one paper are asked for', () => {
    expect(codes('001085012345/001085012346')[2]).toEqual(['IMPORT_ID_TWO:error']);
  });

  it('through a file', async () => {
    const path = tmp.file('ids.csv');
    const rows = [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'CMND/CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345/024123456', 'Pfizer', 'FF1234', '1', '01/08/2021'],
      ['2', 'Lê Thị Bình', '12/03/1985', 'Nữ', 'Chưa có CCCD', 'Pfizer', 'FF1234', '1', '01/08/2021'],
    ];
    writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.person.idType, r.input.person.idNumber, r.status, ...r.findings.map((f) => f.code)])).toEqual([
      ['CCCD', '001085012345', 'warning', 'IMPORT_ID_TWO'],
      ['', 'CHƯACÓCCCD', 'error', 'IMPORT_ID_NONE'],
    ]);
  });
});

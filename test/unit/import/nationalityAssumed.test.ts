// A list without a nationality column records everyone as Vietnamese (VN, printed on the
// certificate). A foreigner in it ("John SMITH", passport C1234567 — a Vietnamese passport is a
// letter and 7 digits too) was stored family "John", given "SMITH", VN, ready, without a word.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noVietnameseName } from '../../../electron/core/import/nameExtras.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeDelimited } from '../../fixtures/clinicFiles.js';
import { generateRecords } from '../../fixtures/records.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'CMND/CCCD/Hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Ngày tiêm'];
const row = (i: number, name: string, id: string): string[] => [String(i + 1), name, '1980', 'Nam', id, 'Pfizer', 'FF1234', '1', '15/07/2021'];

/** Names of Viet Nam's peoples as clinics write them, marked, unmarked, in capitals (t7 of the probes and the Highlands'). */
const VIETNAMESE = [
  'Nguyễn Thị Ỷ', 'Lò Văn Ửng', 'Đặng Thị Ỹ', 'Thạch Thị Sa Pha', 'Danh Sơ Ni', 'Kpă H\'Bia', 'Ksor Y Bhiu', 'Y Moan Niê', 'H\'Hen Niê', 'Sơn',
  'Hoàng Thị Nhung', 'Ma Văn Ly', 'Hà Văn Tĩnh', 'Lý Thị Bé', 'NGUYỄN VĂN TÙNG', 'nguyễn văn long', 'Siu Đen', 'Rơ Mah Thương', 'Giàng A Páo',
  'Sùng A Lử', 'Vàng Thị Mai', 'Lê Van Cuong', 'NGUYEN VAN AN', 'TRAN THI BINH', 'Ong Ich Khiem', 'Ung Van Khiem', 'Tôn Nữ Thị Hoa', 'Nay Phin',
];

describe('a list without a nationality column', () => {
  it('says VN was assumed for a name in capitals last, read family first, and for a name with nothing Vietnamese in it', async () => {
    const path = tmp.file('foreign.csv');
    writeDelimited(path, [HEADER, row(0, 'John SMITH', 'C1234567'), row(1, 'Maria Garcia Lopez', 'C7654321'), row(2, 'Nguyễn Văn An', '001080012345')]);
    const preview = await previewImport(path, { now });
    const [john, maria, an] = preview.records;
    expect(john!.input.person).toMatchObject({ fullName: 'SMITH John', familyName: 'SMITH', givenName: 'John', nationality: '' });
    expect(john!.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['IMPORT_NATIONALITY_ASSUMED', 'IMPORT_NAME_FAMILY_LAST']));
    const said = john!.findings.find((f) => f.code === 'IMPORT_NATIONALITY_ASSUMED')!;
    expect(said).toMatchObject({ severity: 'warning', field: 'nationality' });
    expect(said.message_en).toContain('recorded as Vietnamese (VN)');
    expect(said.message_en).toContain('family name SMITH');
    expect(maria!.findings.map((f) => f.code)).toEqual(['IMPORT_NATIONALITY_ASSUMED']);
    expect(maria!.input.person.familyName).toBeUndefined();
    expect(an!.findings).toEqual([]);
  });

  it('leaves every Vietnamese name alone, marked or not, of any people', async () => {
    const generated = generateRecords(400, { seed: 7 }).map((r) => String(r.person.fullName));
    const names = [...VIETNAMESE, ...generated, ...generated.map((n) => n.toUpperCase()), ...generated.map((n) => n.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'))];
    expect(names.filter(noVietnameseName)).toEqual([]);
    const path = tmp.file('vn.csv');
    writeDelimited(path, [HEADER, ...VIETNAMESE.map((name, i) => row(i, name, `0010800${String(10000 + i)}`))]);
    const preview = await previewImport(path, { now });
    expect(preview.records.flatMap((r) => r.findings.filter((f) => f.code === 'IMPORT_NATIONALITY_ASSUMED').map(() => r.input.person.fullName))).toEqual([]);
  });

  // "A Sáng" (a Highlands name: "A" before a man's name) has no family name the list knows; a CCCD
  // or CMND is a citizen's paper, whatever the name reads as.
  it('says nothing of a person whose id is a CCCD or a CMND: only citizens hold one', async () => {
    const path = tmp.file('citizens.csv');
    writeDelimited(path, [HEADER, row(0, 'A Sáng', '062080012351'), row(1, 'Maria Garcia Lopez', '123456789'), row(2, 'A Sáng', 'C7654321')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => r.findings.some((f) => f.code === 'IMPORT_NATIONALITY_ASSUMED'))).toEqual([false, false, true]);
  });

  it('with a nationality column, says nothing of it: the column says who is foreign', async () => {
    const path = tmp.file('with-nationality.csv');
    writeDelimited(path, [[...HEADER, 'Quốc tịch'], [...row(0, 'Maria Garcia Lopez', 'C7654321'), 'Việt Nam']]);
    const preview = await previewImport(path, { now });
    expect(preview.records[0]!.findings.map((f) => f.code)).not.toContain('IMPORT_NATIONALITY_ASSUMED');
  });
});

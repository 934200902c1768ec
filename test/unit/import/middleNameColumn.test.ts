// Forms that split a name in three — "Họ" | "Tên đệm" | "Tên", or the South's "Họ" | "Chữ lót" |
// "Tên" — lost the middle column: "Trần" | "Thị Bích" | "Ngọc" was stored as "Trần Ngọc", a
// different person on the certificate. And "Họ tên đệm" | "Tên" read the first column as the
// whole name, leaving the given name out.
import { afterAll, describe, expect, it } from 'vitest';
import { splitName } from '../../../shared/domain/names.js';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const names = (p: ImportPreview) => p.records.map((r) => [r.input.person.fullName, r.input.person.familyName, r.input.person.givenName]);
const DOSE = ['Pfizer', 'FF2587', '1', '03/08/2021'];
const TAIL_HEADER = ['Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];

describe('a name in three columns', () => {
  it('"Họ" | "Tên đệm" | "Tên": the middle name is kept, before the given name', async () => {
    const path = tmp.file('ho-tendem-ten.csv');
    writeDelimited(path, [
      ['STT', 'Họ', 'Tên đệm', 'Tên', ...TAIL_HEADER],
      ['1', 'Trần', 'Thị Bích', 'Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE],
      // No middle name: nothing in between.
      ['2', 'Lê', '', 'Hoa', '20/02/1988', 'Nữ', '079188001234', ...DOSE],
      ['3', 'Nguyễn', '  Văn ', 'An', '12/05/1985', 'Nam', '079085001234', ...DOSE],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ rows: 3, errors: 0 });
    expect(names(preview)).toEqual([
      ['Trần Thị Bích Ngọc', 'Trần', 'Thị Bích Ngọc'],
      ['Lê Hoa', 'Lê', 'Hoa'],
      ['Nguyễn Văn An', 'Nguyễn', 'Văn An'],
    ]);
  });

  it('"Họ" | "Chữ lót" | "Tên" in a workbook, the headers in capitals', async () => {
    const path = tmp.file('ho-chulot-ten.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['HỌ', 'CHỮ LÓT', 'TÊN', ...TAIL_HEADER], ['Võ', 'Thị Sáu', 'Hồng', '05/06/1995', 'Nữ', '079195008888', ...DOSE]] }]);
    const preview = await previewImport(path, { now });
    expect(names(preview)).toEqual([['Võ Thị Sáu Hồng', 'Võ', 'Thị Sáu Hồng']]);
  });

  it('"Họ tên đệm" | "Tên" and "Họ và chữ lót" | "Tên": two columns, both kept', async () => {
    for (const first of ['Họ tên đệm', 'Họ và chữ lót', 'Họ và tên lót']) {
      const path = tmp.file(`two-${first.replace(/\s/g, '-')}.csv`);
      writeDelimited(path, [[first, 'Tên', ...TAIL_HEADER], ['Trần Thị Bích', 'Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
      const preview = await previewImport(path, { now });
      expect(preview.records[0]?.input.person.fullName, first).toBe('Trần Thị Bích Ngọc');
    }
  });

  it('a middle-name column beside a full-name column is not added to it', async () => {
    const path = tmp.file('full-and-middle.csv');
    writeDelimited(path, [['Họ và tên', 'Tên đệm', ...TAIL_HEADER], ['Trần Thị Bích Ngọc', 'Thị Bích', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
    const preview = await previewImport(path, { now });
    expect(names(preview)).toEqual([['Trần Thị Bích Ngọc', undefined, undefined]]);
  });

  it('"Lót" or "Lô" alone is still the vaccine lot, never a middle name', () => {
    expect(matchHeader('Lót')?.field).toBe('lot');
    expect(matchHeader('Số lô')?.field).toBe('lot');
    expect(matchHeader('Tên đệm (nếu có)')?.field).toBe('middleName');
    expect(matchHeader('Middle name')?.field).toBe('middleName');
  });

  // The platform's certificates put the family as the full name's first word (fn "Nguyễn", gn
  // "Bảo Duy"): a person imported from "Họ" | "Tên" must read as from "Họ và tên", or one person
  // has two certificates' worth of names depending on the clinic's form.
  it('"Họ (và tên đệm)" | "Tên": the middle names go to the given name, as from a full name', async () => {
    for (const first of ['Họ', 'Họ đệm', 'Họ và tên đệm', 'HỌ VÀ CHỮ LÓT']) {
      const path = tmp.file(`split-${first.replace(/\s/g, '-')}.csv`);
      writeDelimited(path, [
        ['STT', first, 'Tên', ...TAIL_HEADER],
        ['1', 'Nguyễn Bảo', 'Duy', '01/12/1990', 'Nam', '001090012345', ...DOSE],
        ['2', 'Lê', 'Hoa', '20/02/1988', 'Nữ', '079188001234', ...DOSE],
        ['3', 'Tôn Nữ Thị', 'Hà', '12/05/1985', 'Nữ', '079185001234', ...DOSE],
      ]);
      const preview = await previewImport(path, { now });
      expect(names(preview), first).toEqual([
        ['Nguyễn Bảo Duy', 'Nguyễn', 'Bảo Duy'],
        ['Lê Hoa', 'Lê', 'Hoa'],
        ['Tôn Nữ Thị Hà', 'Tôn', 'Nữ Thị Hà'],
      ]);
    }
  });

  it('the same person from "Họ và tên" and from "Họ và tên đệm" | "Tên" gets the same names', async () => {
    const full = tmp.file('same-full.csv');
    writeDelimited(full, [['Họ và tên', ...TAIL_HEADER], ['Trần Thị Bích Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
    const split = tmp.file('same-split.csv');
    writeDelimited(split, [['Họ và tên đệm', 'Tên', ...TAIL_HEADER], ['Trần Thị Bích', 'Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
    const [a, b] = [await previewImport(full, { now }), await previewImport(split, { now })];
    const person = (p: ImportPreview) => {
      const x = p.records[0]!.input.person;
      // No split given: the store splits the full name (splitName), as for every full-name column.
      const split = splitName(x.fullName!);
      return [x.fullName, x.familyName ?? split.familyName, x.givenName ?? split.givenName];
    };
    expect(person(b)).toEqual(person(a));
  });

  it('kept as written: an English "Surname", a foreigner, and a family beside its own middle-name column', async () => {
    const path = tmp.file('as-written.csv');
    writeDelimited(path, [
      ['Surname', 'Given name', 'Quốc tịch', ...TAIL_HEADER],
      ['Van der Berg', 'Anna', 'Hà Lan', '01/12/1990', 'Nữ', 'NX1234567', ...DOSE],
      ['Nguyễn', 'Văn An', 'Việt Nam', '12/05/1985', 'Nam', '079085001234', ...DOSE],
    ]);
    expect(names(await previewImport(path, { now }))).toEqual([
      ['Van der Berg Anna', 'Van der Berg', 'Anna'],
      ['Nguyễn Văn An', 'Nguyễn', 'Văn An'],
    ]);
    const foreign = tmp.file('foreign-ho.csv');
    writeDelimited(foreign, [['Họ', 'Tên', 'Quốc tịch', ...TAIL_HEADER], ['Van der Berg', 'Anna', 'Hà Lan', '01/12/1990', 'Nữ', 'NX1234567', ...DOSE]]);
    expect(names(await previewImport(foreign, { now }))).toEqual([['Van der Berg Anna', 'Van der Berg', 'Anna']]);
    // No nationality column: a name that reads as no Vietnamese one keeps its family name whole.
    const noNationality = tmp.file('no-nationality.csv');
    writeDelimited(noNationality, [
      ['Họ', 'Tên', ...TAIL_HEADER],
      ['Van der Berg', 'Anna', '01/12/1990', 'Nữ', 'NX1234567', ...DOSE],
      ['NGUYEN VAN', 'AN', '12/05/1985', 'Nam', '079085001234', ...DOSE],
      ['Giàng A', 'Páo', '12/05/1986', 'Nam', '079086001234', ...DOSE],
      ['Sùng A', 'Chớ', '12/05/1987', 'Nam', '079087001234', ...DOSE],
      ['Côté Dubois', 'Marie', '12/05/1988', 'Nữ', 'FR1234567', ...DOSE],
    ]);
    expect(names(await previewImport(noNationality, { now }))).toEqual([
      ['Van der Berg Anna', 'Van der Berg', 'Anna'],
      ['NGUYEN VAN AN', 'NGUYEN', 'VAN AN'],
      ['Giàng A Páo', 'Giàng', 'A Páo'],
      ['Sùng A Chớ', 'Sùng', 'A Chớ'],
      ['Côté Dubois Marie', 'Côté Dubois', 'Marie'],
    ]);
    // Said to be Vietnamese: split whatever the family name.
    const vn = tmp.file('vn-nationality.csv');
    writeDelimited(vn, [['Họ', 'Tên', 'Quốc tịch', ...TAIL_HEADER], ['Thào Seo', 'Mỷ', 'Việt Nam', '12/05/1989', 'Nữ', '079189001234', ...DOSE]]);
    expect(names(await previewImport(vn, { now }))).toEqual([['Thào Seo Mỷ', 'Thào', 'Seo Mỷ']]);
    const three = tmp.file('three-compound.csv');
    writeDelimited(three, [['Họ', 'Tên đệm', 'Tên', ...TAIL_HEADER], ['Tôn Nữ', 'Thị', 'Hà', '12/05/1985', 'Nữ', '079185001234', ...DOSE]]);
    expect(names(await previewImport(three, { now }))).toEqual([['Tôn Nữ Thị Hà', 'Tôn Nữ', 'Thị Hà']]);
  });
});

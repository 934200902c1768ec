// Which of a workbook's tabs the import offers and how it speaks of the others: a chart sheet is
// no list, and a very hidden sheet is one Excel's Unhide does not show.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeTempDir, writeZip } from '../../fixtures/clinicFiles.js';
import { refusalOf } from './xlsx/refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const LIST = inlineSheetData([
  ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
  ['Nguyễn Văn An', '15/03/1985', '001085012345', 'Pfizer', 'FF2587', '1', '20/07/2021'],
]);

interface Tab {
  name: string;
  kind?: 'worksheet' | 'chartsheet' | 'dialogsheet';
  state?: 'hidden' | 'veryHidden';
  sheetData?: string;
}

/** A workbook of the given tabs, in order: worksheets with their rows, chart and dialog sheets empty. */
function writeTabs(path: string, tabs: readonly Tab[]): void {
  const part = (t: Tab, i: number) => `${t.kind === 'chartsheet' ? 'chartsheets' : t.kind === 'dialogsheet' ? 'dialogsheets' : 'worksheets'}/sheet${i + 1}.xml`;
  writeZip(path, [
    { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${tabs.map((t, i) => `<sheet name="${t.name}" sheetId="${i + 1}"${t.state ? ` state="${t.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="${PKG}">${tabs.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${t.kind ?? 'worksheet'}" Target="${part(t, i)}"/>`).join('')}</Relationships>`,
    },
    ...tabs.map((t, i) => ({
      name: `xl/${part(t, i)}`,
      data: t.kind === 'chartsheet' ? `<chartsheet xmlns="${MAIN}"/>` : t.kind === 'dialogsheet' ? `<dialogsheet xmlns="${MAIN}"/>` : `<worksheet xmlns="${MAIN}">${t.sheetData ?? '<sheetData/>'}</worksheet>`,
    })),
  ]);
}

describe('a chart sheet', () => {
  it('is not among the sheets the import screen offers to choose from', async () => {
    const path = tmp.file('chart-first.xlsx');
    writeTabs(path, [{ name: 'Biểu đồ', kind: 'chartsheet' }, { name: 'DS tiêm', sheetData: LIST }, { name: 'Hộp thoại', kind: 'dialogsheet' }, { name: 'Ghi chú' }]);
    const preview = await previewImport(path, { now });
    expect(preview.sheet).toBe('DS tiêm');
    expect(preview.sheets).toEqual(['DS tiêm', 'Ghi chú']);
  });

  it('chosen by name, is refused as a chart, naming the sheets that can be chosen', async () => {
    const path = tmp.file('chart-named.xlsx');
    writeTabs(path, [{ name: 'Biểu đồ', kind: 'chartsheet' }, { name: 'DS tiêm', sheetData: LIST }]);
    const e = await refusalOf(() => previewImport(path, { now, sheet: 'biểu đồ' }));
    expect(e).toMatchObject({ code: 'IMPORT_SHEET_NOT_FOUND', details: { sheet: 'biểu đồ', sheets: ['DS tiêm'], notList: { name: 'Biểu đồ', kind: 'chart' } } });
    expect(e.messageVi).toContain('"Biểu đồ" là một trang biểu đồ, không phải trang tính có danh sách');
    expect(e.messageEn).toContain('"Biểu đồ" is a chart sheet, not a worksheet with a list');
    expect(e.messageEn).toContain('"DS tiêm"');
    expect(e.messageEn).not.toMatch(/sheets: "Biểu đồ"/);
    // A name no tab has still lists the worksheets only.
    const none = await refusalOf(() => previewImport(path, { now, sheet: 'Tháng 7' }));
    expect(none.messageEn).toContain('the workbook\'s sheets: "DS tiêm".');
  });
});

describe('a hidden sheet holding the list', () => {
  const form = inlineSheetData([['PHIẾU NHẬP LIỆU'], ['Điền vào trang này']]);

  it('very hidden, Excel\'s Unhide cannot show it: the refusal says to type its name in the sheet box, and that reads it', async () => {
    const path = tmp.file('very-hidden.xlsx');
    writeTabs(path, [{ name: 'Data', state: 'veryHidden', sheetData: LIST }, { name: 'Nhập liệu', sheetData: form }]);
    const e = await refusalOf(() => previewImport(path, { now }));
    expect(e).toMatchObject({ code: 'IMPORT_NO_HEADER', details: { hiddenSheet: 'Data', veryHidden: true } });
    expect(e.messageEn).not.toContain('unhide it');
    expect(e.messageEn).toContain('"very hidden", which Excel\'s Unhide does not list');
    expect(e.messageEn).toContain('type "Data" in the "Sheet name" box');
    expect(e.messageVi).toContain('ghi "Data" vào ô "Tên trang tính"');
    await expect(previewImport(path, { now, sheet: 'Data' })).resolves.toMatchObject({ sheet: 'Data', rows: 1 });
  });

  it('hidden, may be unhidden in Excel or named in the sheet box', async () => {
    const path = tmp.file('hidden.xlsx');
    writeTabs(path, [{ name: 'Data', state: 'hidden', sheetData: LIST }, { name: 'Nhập liệu', sheetData: form }]);
    const e = await refusalOf(() => previewImport(path, { now }));
    expect(e).toMatchObject({ code: 'IMPORT_NO_HEADER', details: { hiddenSheet: 'Data', veryHidden: false } });
    expect(e.messageEn).toContain('type "Data" in the "Sheet name" box');
    expect(e.messageEn).toContain('unhide it in Excel (right-click a sheet tab > Unhide)');
  });
});

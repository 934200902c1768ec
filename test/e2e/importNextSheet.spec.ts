// Session 22: a workbook with a list per tab (a month each) is imported one tab at a time. After
// the first tab's commit the screen offers the next tab of the same file, previewed at once, until
// every tab the first preview named is in; nothing is imported twice and no tab is skipped.
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';

let tmp: ReturnType<typeof makeTempDir>;
let workbook: string;

const tab = (name: string, first: number, people: number) => ({
  name,
  rows: [['DANH SÁCH TIÊM CHỦNG ' + name.toUpperCase()], [], STANDARD_HEADER, ...makeDoses(people, first).map((d, i) => standardRow(d, i + 1))],
});

test.beforeAll(async () => {
  tmp = makeTempDir('station-next-sheet-');
  workbook = tmp.file('Tiêm chủng quý 3.xlsx');
  await writeXlsx(workbook, [tab('Tháng 7', 11, 1), { name: 'Ghi chú', rows: [['Người lập', 'Trưởng trạm']] }, tab('Tháng 8', 31, 2), tab('Tháng 9', 61, 3)]);
});

test.afterAll(() => tmp?.cleanup());

test('after a tab is imported, the next tab of the same workbook is one button away', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'import');

  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(workbook);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Trang tính: Tháng 7')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
  const imported = page.getByText(/^Đã nhập \d+ hồ sơ vào hàng đợi\.$/);
  await expect(imported).toBeVisible();
  const counts: string[] = [(await imported.textContent())!];

  const next = page.getByTestId('import-next-sheet');
  await expect(next).toHaveText('Nhập trang tiếp theo của tệp này: "Tháng 8" (sau đó còn 1 trang)');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await next.click();
  await expect(page.getByText('Trang tính: Tháng 8')).toBeVisible();
  await expect(page.getByLabel('Tên trang tính (không bắt buộc)')).toHaveValue('Tháng 8');
  await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
  await expect(imported).toBeVisible();
  counts.push((await imported.textContent())!);

  await setLanguage(page, 'en');
  await expect(next).toHaveText('Import the next sheet of this workbook: "Tháng 9"');
  await next.click();
  await expect(page.getByText('Sheet: Tháng 9')).toBeVisible();
  await page.getByRole('button', { name: 'Import into the queue' }).click();
  const importedEn = page.getByText(/^Imported \d+ records? into the queue\.$/);
  await expect(importedEn).toBeVisible();
  counts.push((await importedEn.textContent())!);
  // Every tab once, each with its own rows (makeDoses: two doses a person); then nothing more to offer.
  expect(counts.map((c) => Number(/\d+/.exec(c)![0]))).toEqual([2, 4, 6]);
  await expect(next).toHaveCount(0);
});

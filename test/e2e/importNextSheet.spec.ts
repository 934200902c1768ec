// Session 22: a workbook with a list per tab is walked a tab at a time: after a commit the screen
// offers the next tab of the same file, previewed at once, until every tab the first preview named
// is in; nothing is imported twice and no tab is skipped. Session 26: tabs under one header (a tab
// per day or month) are read together as one list, each finding naming its tab; the walk then
// offers the tabs under another header, and walks one by one from a tab the clerk named.
import { readFileSync } from 'node:fs';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';

let tmp: ReturnType<typeof makeTempDir>;
let workbook: string;
let second: string;
let other: string;

const tab = (name: string, first: number, people: number) => ({
  name,
  rows: [['DANH SÁCH TIÊM CHỦNG ' + name.toUpperCase()], [], STANDARD_HEADER, ...makeDoses(people, first).map((d, i) => standardRow(d, i + 1))],
});
/** A tab whose header puts the phone last: another layout, a list of its own. */
const PHONE = STANDARD_HEADER.indexOf('Số điện thoại');
const phoneLast = (row: string[]): string[] => [...row.slice(0, PHONE), ...row.slice(PHONE + 1), row[PHONE]!];
const otherLayoutTab = (name: string, first: number, people: number) => ({
  name,
  rows: [[`DANH SÁCH ${name.toUpperCase()}`], [], phoneLast(STANDARD_HEADER), ...makeDoses(people, first).map((d, i) => phoneLast(standardRow(d, i + 1)))],
});

test.beforeAll(async () => {
  tmp = makeTempDir('station-next-sheet-');
  workbook = tmp.file('Tiêm chủng quý 3.xlsx');
  await writeXlsx(workbook, [tab('Tháng 7', 11, 1), { name: 'Ghi chú', rows: [['Người lập', 'Trưởng trạm']] }, tab('Tháng 8', 31, 2), otherLayoutTab('Tiêm bù', 151, 2), tab('Tháng 9', 61, 3)]);
  // The second test's workbook, its people none of the first's (the station is shared by the file's tests).
  second = tmp.file('Tiêm chủng điểm 2.xlsx');
  await writeXlsx(second, [tab('Tháng 7', 211, 1), tab('Tháng 8', 231, 2), tab('Tháng 9', 261, 1)]);
  other = tmp.file('Tiêm chủng quý 4.xlsx');
  await writeXlsx(other, [tab('Tháng 10', 91, 1), tab('Tháng 11', 121, 1)]);
});

test.afterAll(() => tmp?.cleanup());

test('tabs under one header are imported as one list; a tab under another header is one button away', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'import');

  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(workbook);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Trang tính: Tháng 7, Tháng 8, Tháng 9')).toBeVisible();
  // Several sheets read: "Sheets:" in English, not "Sheet:".
  await setLanguage(page, 'en');
  await expect(page.getByText('Sheets: Tháng 7, Tháng 8, Tháng 9')).toBeVisible();
  await setLanguage(page, 'vi');
  await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
  const imported = page.getByText(/^Đã nhập \d+ hồ sơ vào hàng đợi\.$/);
  await expect(imported).toBeVisible();
  const counts: string[] = [(await imported.textContent())!];

  // The three months are in; the tab under another header is offered, and only it.
  const next = page.getByTestId('import-next-sheet');
  await expect(next).toHaveText('Nhập trang tiếp theo của tệp này: "Tiêm bù"');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await setLanguage(page, 'en');
  await expect(next).toHaveText('Import the next sheet of this workbook: "Tiêm bù"');
  await next.click();
  await expect(page.getByText('Sheet: Tiêm bù')).toBeVisible();
  await expect(page.getByLabel('Sheet name (optional)')).toHaveValue('Tiêm bù');
  await page.getByRole('button', { name: 'Import into the queue' }).click();
  const importedEn = page.getByText(/^Imported \d+ records? into the queue\.$/);
  await expect(importedEn).toBeVisible();
  counts.push((await importedEn.textContent())!);
  // Every tab once, each with its own rows (makeDoses: two doses a person); then nothing more to offer.
  expect(counts.map((c) => Number(/\d+/.exec(c)![0]))).toEqual([2 + 4 + 6, 4]);
  await expect(next).toHaveCount(0);
});

test('a tab already in the station is passed over; the tab chosen first is offered back; another file forgets the walk', async ({ page, station }) => {
  // Tháng 8 already imported elsewhere (the command line, another clerk): nothing of it to import.
  const file = { name: 'Tiêm chủng điểm 2.xlsx', base64: readFileSync(second).toString('base64') };
  expect((await station.client.call('import.commit', { file, sheet: 'Tháng 8' })).committed).toBe(4);
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'import');
  const next = page.getByTestId('import-next-sheet');
  const commit = page.getByRole('button', { name: 'Nhập vào hàng đợi' });

  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(second);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Trang tính: Tháng 7')).toBeVisible();
  // The clerk starts with September, typed in the sheet box.
  await page.getByLabel('Tên trang tính (không bắt buộc)').fill('Tháng 9');
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Trang tính: Tháng 9')).toBeVisible();
  await commit.click();
  // July, the workbook's own choice, is offered back, then August.
  await expect(next).toHaveText('Nhập trang tiếp theo của tệp này: "Tháng 7" (sau đó còn 1 trang)');
  await next.click();
  await expect(page.getByText('Trang tính: Tháng 7')).toBeVisible();
  await commit.click();
  await expect(next).toHaveText('Nhập trang tiếp theo của tệp này: "Tháng 8"');
  await next.click();
  // August has nothing new: said, and the walk has nowhere left to go, not stuck on a missing button.
  await expect(page.getByText('Trang tính: Tháng 8')).toBeVisible();
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  await expect(next).toHaveCount(0);
  await expect(commit).toHaveCount(0);

  // Another workbook: its own tabs, its own choice; not August's name left in the sheet box.
  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(other);
  await expect(page.getByLabel('Tên trang tính (không bắt buộc)')).toHaveValue('');
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Trang tính: Tháng 10, Tháng 11')).toBeVisible();
  await commit.click();
  await expect(page.getByText('Đã nhập 4 hồ sơ vào hàng đợi.')).toBeVisible();
  await expect(next).toHaveCount(0);
});

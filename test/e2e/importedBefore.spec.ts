// Session 21: a file imported before is named. The clerk imports a list through the screen,
// chooses the same file again, and is told when it was imported (Viet Nam day and time, as the
// station shows dates), under which name and how many records it created; nothing is imported twice.
import { copyFileSync, readFileSync } from 'node:fs';
import { VIETNAM_OFFSET_MS, formatDayFirst } from '../../shared/domain/dates.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';

let tmp: ReturnType<typeof makeTempDir>;
let list: string;
let copy: string;

test.beforeAll(async () => {
  tmp = makeTempDir('station-imported-before-');
  list = tmp.file('Tiêm ngày 20.xlsx');
  await writeXlsx(list, [{ name: 'Sheet1', rows: [STANDARD_HEADER, ...makeDoses(2, 81).map((d, i) => standardRow(d, i + 1))] }]);
  // The same bytes saved under another name (a copy from Zalo): still the same file.
  copy = tmp.file('Tiêm ngày 20 (1).xlsx');
  copyFileSync(list, copy);
});

test.afterAll(() => tmp?.cleanup());

/** `at` as the screen shows it in a sentence: the Viet Nam day and time, escaped for a RegExp. */
function shownAt(ms: number, word: string): string {
  const vn = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  return `${formatDayFirst(vn.slice(0, 10))} ${word} ${vn.slice(11, 16)}`.replaceAll('/', '\\/');
}

async function check(page: import('@playwright/test').Page, path: string) {
  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(path);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

test('a file imported before is named with when, the name it had and the records it created', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'import');

  await check(page, list);
  await expect(page.getByTestId('import-imported-before')).toHaveCount(0);
  const before = Date.now();
  await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
  await expect(page.getByText('Đã nhập 4 hồ sơ vào hàng đợi.')).toBeVisible();
  const after = Date.now();
  // The commit's minute: the one before or after the click (a minute may turn in between).
  const at = (word: string) => `(${shownAt(before, word)}|${shownAt(after, word)})`;

  await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
  await check(page, copy);
  const notice = page.getByTestId('import-imported-before');
  await expect(notice).toHaveText(
    new RegExp(`^Tệp này đã được nhập ngày ${at('lúc')} \\(tên tệp "Tiêm ngày 20\\.xlsx"\\): 4 hồ sơ đã tạo\\.Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập\\.$`),
  );
  await expect(page.getByTestId('import-summary')).toContainText('Trùng: 4');
  await expect(page.getByTestId('import-nothing')).toHaveText('Mọi dòng của tệp này đã có trong trạm: không còn gì để nhập.');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await setLanguage(page, 'en');
  await expect(notice).toContainText(new RegExp(`^This file was already imported on ${at('at')} \\(file name "Tiêm ngày 20\\.xlsx"\\): 4 records created\\.`));

  // Session 22: the copy committed four times more, each finding the 4 records stored. The newest
  // imports alone all say "0 created": the notice says how many times, and names the first import,
  // the one that created them, before the newest.
  const file = { name: 'Tiêm ngày 20 (1).xlsx', base64: readFileSync(copy).toString('base64') };
  for (let i = 0; i < 4; i++) expect((await station.client.call('import.commit', { file })).committed).toBe(0);
  await setLanguage(page, 'vi');
  await check(page, copy);
  await expect(notice).toContainText(
    new RegExp(`^Tệp này đã được nhập 5 lần\\.Lần đầu vào ngày ${at('lúc')} \\(tên tệp "Tiêm ngày 20\\.xlsx"\\): 4 hồ sơ đã tạo\\.2 lần nhập khác sau đó không liệt kê ở đây\\.`),
  );
  await expect(notice).toContainText(/Lần gần nhất vào ngày .+ \(tên tệp "Tiêm ngày 20 \(1\)\.xlsx"\): 0 hồ sơ đã tạo\./);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await setLanguage(page, 'en');
  await expect(notice).toContainText(new RegExp(`^This file was already imported 5 times\\.First on ${at('at')} \\(file name "Tiêm ngày 20\\.xlsx"\\): 4 records created\\.`));
});

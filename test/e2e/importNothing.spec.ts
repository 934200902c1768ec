// Probe 19: a file whose only row has an error, or a file imported again, still offered "Import
// into the queue", which then said "Imported 0 records into the queue", read as done. The step now
// says why there is nothing to import and what to do.
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';

let tmp: ReturnType<typeof makeTempDir>;
let onlyError: string;
let good: string;

test.beforeAll(async () => {
  tmp = makeTempDir('station-import-nothing-');
  const [first, second] = makeDoses(1, 77).map((d, i) => standardRow(d, i + 1));
  onlyError = tmp.file('Một dòng lỗi.xlsx');
  await writeXlsx(onlyError, [{ name: 'Sheet1', rows: [STANDARD_HEADER, [...first!.slice(0, 9), '31/02/2021']] }]);
  good = tmp.file('Hai dòng.xlsx');
  await writeXlsx(good, [{ name: 'Sheet1', rows: [STANDARD_HEADER, first!, second!] }]);
});

test.afterAll(() => tmp?.cleanup());

async function check(page: import('@playwright/test').Page, path: string) {
  await gotoScreen(page, 'import');
  await page.getByLabel('Tệp .xlsx hoặc .csv').setInputFiles(path);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

test('a file with nothing to import says why instead of offering to import it', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');

  await check(page, onlyError);
  await expect(page.getByTestId('import-nothing')).toHaveText(/^Không có dòng nào nhập được: hãy sửa các dòng lỗi trong tệp/);
  await expect(page.getByRole('button', { name: 'Nhập vào hàng đợi' })).toHaveCount(0);

  await check(page, good);
  await page.getByRole('button', { name: 'Nhập vào hàng đợi' }).click();
  await expect(page.getByText('Đã nhập 2 hồ sơ vào hàng đợi.')).toBeVisible();

  await check(page, good);
  await expect(page.getByTestId('import-nothing')).toHaveText('Mọi dòng của tệp này đã có trong trạm: không còn gì để nhập.');
  await expect(page.getByRole('button', { name: 'Nhập vào hàng đợi' })).toHaveCount(0);
  await setLanguage(page, 'en');
  await expect(page.getByTestId('import-nothing')).toHaveText('Every row of this file is already in the station: nothing left to import.');
});

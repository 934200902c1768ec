// Long tasks by keyboard alone (probe 18): the button just pressed stays focused while its task
// runs (it used to be disabled, which dropped the focus to the page and sent the user back to the
// top), a second press starts nothing, and when the button goes away the focus goes to the result.
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../fixtures/clinicFiles.js';

const focusIsOnThePage = (page: import('@playwright/test').Page) => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);

test('import a file with Tab, Space and Enter: the focus follows the steps, Enter twice imports once', async ({ page, station }) => {
  const tmp = makeTempDir('station-keyboard-');
  try {
    const doses = makeDoses(2, 9);
    const file = tmp.file('Danh sách.xlsx');
    await writeXlsx(file, [{ name: 'Tháng 9', rows: [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))] }]);
    const before = (await station.client.call('records.list', { limit: 1 })).total;
    await openStationPage(page, station);
    await setLanguage(page, 'vi');
    await gotoScreen(page, 'import');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Tệp .xlsx hoặc .csv')).toBeFocused();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(file);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const check = page.getByRole('button', { name: 'Kiểm tra tệp' });
    await expect(check).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Số dòng: ${doses.length}`)).toBeVisible();
    await expect(check).toBeFocused();
    const commit = page.getByRole('button', { name: 'Nhập vào hàng đợi' });
    for (let i = 0; i < 10 && !(await commit.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(commit).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Đã nhập ${doses.length} hồ sơ vào hàng đợi.`)).toBeVisible();
    // The result is focused by an effect after it renders: on a loaded machine the text can show
    // a moment before (a CI run caught the focus still on the page at the first look).
    await expect.poll(() => focusIsOnThePage(page)).toBe(false);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Nhập tệp khác' })).toBeFocused();
    expect((await station.client.call('records.list', { limit: 1 })).total - before).toBe(doses.length);
  } finally {
    tmp.cleanup();
  }
});

test('Sync now and Check keep the focus on the button while they run', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sync');
  const run = page.getByRole('button', { name: 'Đồng bộ ngay' });
  await run.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(run).toBeFocused();
  await gotoScreen(page, 'verify');
  await page.getByLabel('Dán nội dung mã QR (bắt đầu bằng HC1:)').fill('HC1:NOT-A-CODE');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'KHÔNG HỢP LỆ' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kiểm tra', exact: true })).toBeFocused();
  // The verdict is announced (a status region), not only shown.
  await expect(page.getByRole('status').filter({ hasText: 'KHÔNG HỢP LỆ' })).toBeAttached();
});

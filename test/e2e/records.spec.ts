// The records view at clinic scale: 12 000 records, and the table keeps only the rows in view in
// the DOM; the search ignores diacritics ("nguyen van an" finds "Nguyễn Văn An").
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { gotoScreen } from './support/screens.js';

const AN = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-01', sex: 'M' } as const;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ station }) => {
  test.setTimeout(60_000);
  station.seed(12_000, 21);
  await station.client.call('records.create', { person: AN, dose: { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' }, confirmWarnings: true });
});

test('12 000 records: only the rows in view are in the DOM, also after jumping to the end', async ({ page, station }) => {
  const total = (await station.client.call('records.list', { limit: 1 })).total;
  expect(total).toBeGreaterThan(10_000);
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  const started = Date.now();
  await gotoScreen(page, 'records');
  const grid = page.getByRole('grid', { name: 'Records' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
  await expect(grid.locator('.vtable-body [role="row"]').first()).not.toHaveClass(/placeholder/);
  test.info().annotations.push({ type: 'records view opened (ms)', description: String(Date.now() - started) });
  const rows = grid.locator('.vtable-body [role="row"]');
  expect(await rows.count()).toBeLessThan(60);
  await expect(page.getByTestId('records-total')).toContainText(total.toLocaleString('en-GB'));

  // Keyboard: focus the grid, End goes to the last record; the DOM still holds a handful of rows.
  await grid.focus();
  await page.keyboard.press('End');
  const last = grid.locator(`[aria-rowindex="${total + 1}"]`);
  await expect(last).toBeVisible();
  await expect(last).not.toHaveClass(/placeholder/);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  expect(await rows.count()).toBeLessThan(60);
  // Page Up moves up by a screenful, and Enter opens the active record.
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Record details');
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Vaccination records');
});

test('search without diacritics: "nguyen van an" finds "Nguyễn Văn An"', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'records');
  const hits = (await station.client.call('records.list', { search: 'nguyen van an', limit: 1 })).total;
  expect(hits).toBeGreaterThan(0);
  await page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh').fill('nguyen van an');
  await expect(page.getByTestId('records-total')).toHaveText(`${hits.toLocaleString('vi-VN')} hồ sơ`);
  const grid = page.getByRole('grid');
  await expect(grid.getByText('Nguyễn Văn An', { exact: true }).first()).toBeVisible();
  const names = await grid.locator('.vtable-body [role="row"] [role="gridcell"]:first-child').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  // Every hit has the three words, in any order, each as a word prefix ("an" also finds "Anh").
  for (const name of names) {
    const words = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().split(' ');
    for (const w of ['nguyen', 'van', 'an']) expect(words.some((x) => x.startsWith(w)), `${name} has ${w}`).toBe(true);
  }
  // The id number finds exactly that person; a state filter composes with the search.
  await page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh').fill(AN.idNumber);
  await expect(page.getByTestId('records-total')).toHaveText('1 hồ sơ');
  await page.getByLabel('Trạng thái').selectOption('draft');
  await expect(page.getByTestId('records-total')).toHaveText('Không có hồ sơ nào khớp.');
  await page.getByLabel('Trạng thái').selectOption('');
  // A date of birth as written on the paper, alone and beside a name (session 27).
  const born = (await station.client.call('records.list', { search: '01/05/1990', limit: 1000 })).items;
  expect(born.map((i) => i.person.fullName)).toContain(AN.fullName);
  expect(born.every((i) => i.person.dob === AN.dob)).toBe(true);
  await page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh').fill('01/05/1990');
  await expect(page.getByTestId('records-total')).toHaveText(`${born.length.toLocaleString('vi-VN')} hồ sơ`);
  await page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh').fill('nguyen van an 01/05/1990');
  await expect(grid.getByText('Nguyễn Văn An', { exact: true }).first()).toBeVisible();
  const dated = (await station.client.call('records.list', { search: 'nguyen van an 01/05/1990', limit: 1000 })).items;
  expect(dated.map((i) => i.person.fullName)).toContain(AN.fullName);
  expect(dated.every((i) => i.person.dob === AN.dob)).toBe(true);
  await expect(page.getByTestId('records-total')).toHaveText(`${dated.length.toLocaleString('vi-VN')} hồ sơ`);
});

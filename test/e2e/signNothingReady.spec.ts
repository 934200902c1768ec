// The sign screen with nothing ready to sign (session 20): it said "Ký 0 hồ sơ…" on a button that
// did nothing. It says plainly that nothing is ready, in both languages, without the button; and
// its link to the drafts holding the signing back opens the records list on the drafts, with the
// state filter selected.
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

// A station of its own: the fixture's is shared by the specs a worker runs (their records and certificates).
let station: Station & { close(): Promise<void> };

test.afterAll(async () => {
  await station?.close();
});

test.beforeAll(async () => {
  station = await openTestStation();
  // Two drafts (no vaccine: an error), nothing ready; and a ready-looking list elsewhere would not help.
  for (const [idNumber, fullName] of [['079085008881', 'Trần Văn Một'], ['079085008882', 'Trần Văn Hai']] as const) {
    await station.client.call('records.create', {
      person: { idType: 'CCCD', idNumber, fullName, dob: '1985-03-15', sex: 'M' },
      dose: { vaccine: '', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' },
    });
  }
  const drafts = await station.client.call('records.list', { state: 'draft', limit: 10 });
  expect(drafts.total).toBe(2);
  expect((await station.client.call('sign.preview', {})).count).toBe(0);
});

test('nothing ready: said plainly in Vietnamese and English, and no "sign 0 records" button', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sign');
  await expect(page.getByText('Không có hồ sơ nào sẵn sàng để ký.')).toBeVisible();
  await expect(page.getByTestId('sign-drafts')).toContainText('2 hồ sơ đang ở dạng nháp');
  await expect(page.getByRole('button', { name: /^Ký \d+ hồ sơ/ })).toHaveCount(0);
  await setLanguage(page, 'en');
  await expect(page.getByText('No record is ready to sign.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign \d+ records?/ })).toHaveCount(0);
});

test('the drafts link opens the records list on the drafts, the filter selected', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  // Something typed on the records list before: the link's promise (the drafts) wins over it.
  await gotoScreen(page, 'records');
  await page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh').fill('khong co ai');
  await expect(page.getByTestId('records-total')).toHaveText('Không có hồ sơ nào khớp.');
  await gotoScreen(page, 'sign');
  await page.getByRole('link', { name: 'Mở các hồ sơ nháp' }).click();
  await expect(page.locator('main h1')).toHaveText('Hồ sơ tiêm chủng');
  await expect(page.getByLabel('Trạng thái')).toHaveValue('draft');
  await expect(page.getByLabel('Tìm theo tên, số giấy tờ, số điện thoại hoặc ngày sinh')).toHaveValue('');
  await expect(page.getByTestId('records-total')).toHaveText('2 hồ sơ');
  // A record's details and back: the list as it was left, the filter still selected.
  await page.getByRole('grid').getByText('Trần Văn Một').click();
  await expect(page.locator('main h1')).not.toHaveText('Hồ sơ tiêm chủng');
  await page.goBack();
  await expect(page.getByLabel('Trạng thái')).toHaveValue('draft');
  await expect(page.getByTestId('records-total')).toHaveText('2 hồ sơ');
});

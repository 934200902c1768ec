// The entry form as data-entry staff use it: keyboard only, live validation by the core while
// typing (a CCCD that contradicts the birth year and sex is flagged, then fixed), the name split
// and ICAO form previewed, Ctrl+Enter saves, and the vaccine, lot and date stay for the next person.
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { gotoScreen } from './support/screens.js';

test('creates a record with live validation, keyboard only, and keeps the dose details', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'entry');
  const live = page.getByTestId('live-check');

  // Tab order follows the paper form: id type, id number, full name, ...
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Loại giấy tờ')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Số giấy tờ')).toBeFocused();
  // Century/sex digit 1 = a woman born in the 1900s: contradicts the man born in 1985 below.
  await page.keyboard.type('079185001111');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Phạm  Minh Đức');
  await expect(page.getByText('Trên chứng nhận (ICAO): PHAM / MINH<DUC')).toBeVisible();
  // Past the "edit the split" checkbox to the date of birth.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Sửa cách tách họ và tên' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Ngày sinh')).toBeFocused();
  await page.keyboard.type('15/03/1985');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Giới tính')).toBeFocused();
  await page.getByLabel('Giới tính').selectOption('M');
  await page.getByLabel('Vắc xin', { exact: false }).first().selectOption('PFIZER');
  await page.getByLabel('Số lô').fill('FK1234');
  await page.getByLabel('Ngày tiêm').fill('01/09/2021');

  await expect(live).toContainText('Lỗi: 1');
  const idField = page.getByLabel('Số giấy tờ');
  await expect(idField).toHaveAttribute('aria-invalid', 'true');

  // Fix the id number: the core's check clears.
  await idField.fill('079085001111');
  await expect(live).toContainText('Không thấy lỗi nào.');
  await expect(idField).not.toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Đã lưu hồ sơ của Phạm Minh Đức: Sẵn sàng ký.')).toBeVisible();

  // Sticky dose details, fresh person, focus back on the id number for the next one.
  await expect(page.getByLabel('Số giấy tờ')).toBeFocused();
  await expect(page.getByLabel('Số giấy tờ')).toHaveValue('');
  await expect(page.getByLabel('Vắc xin', { exact: false }).first()).toHaveValue('PFIZER');
  await expect(page.getByLabel('Số lô')).toHaveValue('FK1234');
  await expect(page.getByLabel('Ngày tiêm')).toHaveValue('01/09/2021');

  const found = await station.client.call('records.list', { search: 'pham minh duc' });
  expect(found.items.map((i) => [i.person.fullName, i.person.fnt, i.person.gnt, i.record.state])).toEqual([['Phạm Minh Đức', 'PHAM', 'MINH<DUC', 'ready']]);
});

test('a failed save keeps everything typed and says why in the current language', async ({ page, station }) => {
  await station.client.call('records.create', {
    person: { idType: 'CCCD', idNumber: '001190004321', fullName: 'Lê Thị Hoa', dob: '1990-02-02', sex: 'F' },
    dose: { vaccine: 'MODERNA', lot: 'M0001', doseNumber: 1, vaccinationDate: '2021-10-01' },
    confirmWarnings: true,
  });
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Id number').fill('001190004321');
  await page.getByLabel('Full name').fill('Lê Thị Hoa');
  await page.getByLabel('Date of birth').fill('02/02/1990');
  await page.getByLabel('Sex').selectOption('F');
  await page.getByLabel('Vaccine', { exact: false }).first().selectOption('MODERNA');
  await page.getByLabel('Lot number').fill('M0001');
  await page.getByLabel('Vaccination date').fill('01/10/2021');
  await page.getByRole('button', { name: 'Save the record' }).click();
  // The live check has said so already: the first Save asks to fix it, or press Save again for a draft.
  await expect(page.getByText(/The record has errors \(\d+\)\. Fix them, or press Save again/)).toBeVisible();
  await page.getByRole('button', { name: 'Save the record' }).click();
  // The same dose is already stored: refused, in English, with the code, and nothing typed is lost.
  await expect(page.getByRole('alert').filter({ hasText: 'That did not work' })).toContainText(/Error code: RECORD_DUPLICATE/);
  await expect(page.getByLabel('Full name')).toHaveValue('Lê Thị Hoa');
  await expect(page.getByLabel('Lot number')).toHaveValue('M0001');
});

test('a signed record is corrected with a reason: a new record replaces it', async ({ page, station }) => {
  const saved = await station.client.call('records.create', {
    person: { idType: 'CCCD', idNumber: '079092005555', fullName: 'Võ Thanh Tâm', dob: '1992-07-07', sex: 'M' },
    dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1111', doseNumber: 1, vaccinationDate: '2021-08-01' },
    confirmWarnings: true,
  });
  station.core.store.setRecordsState([saved.record.id], 'ready', 'signed');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, `records/${saved.record.id}`);
  await page.getByRole('link', { name: 'Đính chính hồ sơ đã ký' }).click();
  await expect(page.locator('main h1')).toHaveText('Đính chính hồ sơ đã ký');
  await page.getByLabel('Số lô').fill('ABV1112');
  await page.getByRole('button', { name: 'Lưu đính chính' }).click();
  await expect(page.getByText('Hãy ghi lý do đính chính.')).toBeVisible();
  await page.getByLabel('Lý do đính chính').fill('Ghi nhầm số lô');
  await page.getByRole('button', { name: 'Lưu đính chính' }).click();
  await expect(page.locator('main h1')).toHaveText('Chi tiết hồ sơ');
  await expect(page.getByText(`Thay thế hồ sơ ${saved.record.id}. Lý do: Ghi nhầm số lô`)).toBeVisible();
  await page.locator('main p.notice-info').getByRole('link', { name: saved.record.id }).click();
  await expect(page.locator('main .badge-superseded').first()).toHaveText('Đã được thay thế');
  const old = await station.client.call('records.get', { id: saved.record.id });
  expect(old.record.state).toBe('superseded');
});

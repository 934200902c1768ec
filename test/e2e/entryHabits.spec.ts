// What clerks really do at the entry form (probe 16): Enter to move on, Save on a half-typed
// record, Ctrl+Enter twice, a look at another screen mid-entry, and corrections of a signed
// person. Nothing typed is lost, nothing is saved by accident, no false error stands in the way.
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { gotoScreen } from './support/screens.js';

test('Enter moves to the next field and never saves a half-typed record', async ({ page, station }) => {
  const before = (await station.client.call('records.list', { search: 'nua chung' })).total;
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Số giấy tờ').fill('079085007777');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(/^Họ và tên/)).toBeFocused();
  await page.keyboard.type('Nửa Chừng');
  // An Enter that ends a Vietnamese input method's composition is the IME's: the focus stays.
  await page.getByLabel(/^Họ và tên/).evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true })));
  await expect(page.getByLabel(/^Họ và tên/)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Sửa cách tách họ và tên' })).toBeFocused();
  // On the checkbox and on a list, Enter moves on too (it used to submit, or open the list).
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Ngày sinh')).toBeFocused();
  await page.getByLabel('Giới tính').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Quốc tịch')).toBeFocused();
  await page.getByLabel('Số điện thoại').fill('0912000111');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Vắc xin', { exact: false }).first()).toBeFocused();
  expect((await station.client.call('records.list', { search: 'nua chung' })).total).toBe(before);
  await expect(page.getByLabel(/^Họ và tên/)).toHaveValue('Nửa Chừng');
  // The vaccine list answers to the first letter of a vaccine's name.
  const vaccine = page.getByLabel('Vắc xin', { exact: false }).first();
  await vaccine.focus();
  await page.keyboard.press('m');
  await expect(vaccine).toHaveValue('MODERNA');
});

test('Save with errors asks once and puts the focus on the first error; a second Save keeps a draft', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Số giấy tờ').fill('079085008888');
  await page.getByLabel(/^Họ và tên/).fill('Trần Văn Thiếu');
  await page.getByLabel('Ngày sinh').fill('15/03/1985');
  await page.getByLabel('Giới tính').selectOption('M');
  await page.getByLabel('Vắc xin', { exact: false }).first().selectOption('');
  // Enter in the last field is the end of the form: it saves (here, it asks first).
  await page.getByLabel('Ngày tiêm').press('Enter');
  await expect(page.getByText(/Hồ sơ còn lỗi \(\d+\)\. Hãy sửa, hoặc bấm Lưu lần nữa/)).toBeVisible();
  await expect(page.getByLabel('Vắc xin', { exact: false }).first()).toBeFocused();
  expect((await station.client.call('records.list', { search: 'tran van thieu' })).total).toBe(0);
  await expect(page.getByLabel(/^Họ và tên/)).toHaveValue('Trần Văn Thiếu');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page.getByText('Đã lưu hồ sơ của Trần Văn Thiếu: Nháp.')).toBeVisible();
  const drafts = await station.client.call('records.list', { search: 'tran van thieu' });
  expect(drafts.items.map((i) => i.record.state)).toEqual(['draft']);
});

test('Ctrl+Enter twice saves once, with no error', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Id number').fill('079085009999');
  await page.getByLabel('Full name').fill('Đỗ Hai Lần');
  await page.getByLabel('Date of birth').fill('15/03/1985');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Vaccine', { exact: false }).first().selectOption('PFIZER');
  await page.getByLabel('Lot number').fill('FK5555');
  await page.getByLabel('Dose number').fill('1');
  await page.getByLabel('Vaccination date').fill('01/09/2021');
  await expect(page.getByTestId('live-check')).toContainText('No problems found');
  // Two presses in one moment (a key held, a double tap): the second comes while the first saves.
  await page.getByLabel('Vaccination date').evaluate((el) => {
    for (let i = 0; i < 2; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await expect(page.getByText('Saved the record of Đỗ Hai Lần: Ready to sign.')).toBeVisible();
  // And a third, on the cleared form: nothing happens, the saved notice stays.
  await page.getByLabel('Id number').press('Control+Enter');
  await expect(page.getByText('Saved the record of Đỗ Hai Lần: Ready to sign.')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'That did not work' })).toHaveCount(0);
  await expect(page.getByText('Choose the sex')).toHaveCount(0);
  // Save without the sex: the field itself is marked, for a screen reader too.
  await page.getByLabel('Full name').fill('Đỗ Chưa Chọn');
  await page.getByRole('button', { name: 'Save the record' }).click();
  await expect(page.getByLabel('Sex')).toBeFocused();
  await expect(page.getByLabel('Sex')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Sex')).toHaveAccessibleDescription(/Choose the sex/);
  await page.getByLabel('Sex').selectOption('M');
  await expect(page.getByLabel('Sex')).not.toHaveAttribute('aria-invalid', 'true');
  expect((await station.client.call('records.list', { search: 'do hai lan' })).total).toBe(1);
});

test('Save with nothing typed says so, and puts the focus on the id number', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Sex').selectOption('F');
  await page.getByRole('button', { name: 'Save the record' }).click();
  await expect(page.getByText('No id number, name or date of birth yet: nothing to save.')).toBeVisible();
  await expect(page.getByLabel('Id number')).toBeFocused();
});

test('a person half typed survives a look at another screen', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Số giấy tờ').fill('079085006666');
  await page.getByLabel(/^Họ và tên/).fill('Lý Quay Lại');
  await gotoScreen(page, 'records');
  await gotoScreen(page, 'entry');
  await expect(page.getByLabel('Số giấy tờ')).toHaveValue('079085006666');
  await expect(page.getByLabel(/^Họ và tên/)).toHaveValue('Lý Quay Lại');
  await page.getByRole('button', { name: 'Xóa thông tin người' }).click();
  await expect(page.getByLabel(/^Họ và tên/)).toHaveValue('');
});

test('correcting the name on one signed dose corrects the other; the form shows no error about the record itself', async ({ page, station }) => {
  const person = { idType: 'CCCD' as const, idNumber: '079092004444', fullName: 'Hoàng Văn Hai', dob: '1992-07-07', sex: 'M' as const };
  const first = await station.client.call('records.create', { person, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV2001', doseNumber: 1, vaccinationDate: '2021-08-01' }, confirmWarnings: true });
  const second = await station.client.call('records.create', { person, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV2002', doseNumber: 2, vaccinationDate: '2021-10-20' }, confirmWarnings: true });
  station.core.store.setRecordsState([first.record.id, second.record.id], 'ready', 'signed');
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, `entry/${second.record.id}`);
  await expect(page.locator('main h1')).toHaveText('Đính chính hồ sơ đã ký');
  // The record being corrected is not "another dose 2 of this person".
  await expect(page.getByTestId('live-check')).toContainText('Không thấy lỗi nào.');
  await page.getByLabel(/^Họ và tên/).fill('Hoàng Văn Hải');
  await expect(page.getByText('Thông tin cá nhân được đính chính trên mọi mũi tiêm đã ký của người này')).toBeVisible();
  await page.getByLabel('Lý do đính chính').fill('Tên sai dấu');
  await page.getByRole('button', { name: 'Lưu đính chính' }).click();
  await expect(page.locator('main h1')).toHaveText('Chi tiết hồ sơ');
  // The detail says the other dose was corrected too, with a link to it.
  await expect(page.getByText('Thông tin người cũng được đính chính trên 1 mũi tiêm đã ký khác của người này')).toBeVisible();
  // The history says what happened in words, the code beside it.
  await expect(page.getByRole('cell', { name: 'Tạo bản đính chính (record.correct)' })).toBeVisible();
  for (const id of [first.record.id, second.record.id]) expect((await station.client.call('records.get', { id })).record.state).toBe('superseded');
  const live = await station.client.call('records.list', { search: 'hoang van hai' });
  expect(live.items.filter((i) => i.record.state !== 'superseded').map((i) => [i.person.fullName, i.record.doseNumber, i.record.state]).sort()).toEqual([
    ['Hoàng Văn Hải', 1, 'ready'],
    ['Hoàng Văn Hải', 2, 'ready'],
  ]);
});

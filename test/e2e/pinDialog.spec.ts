// The signer at the PIN dialog, keyboard only (probe 18): a token that does not say how long its
// PIN is (C_GetTokenInfo gives 0 or a value past any PIN) still takes an 8-digit PIN; Escape
// closes the dialog and gives the focus back; Enter signs, and Enter pressed twice signs once.
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, setLanguage, test, type Station } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

let world: StationWithPlatform;
let station: Station;

test.beforeAll(async () => {
  // The software token of these specs reports no PIN lengths (pinMinLength and pinMaxLength null).
  world = await openStationWithPlatform({ seed: { count: 4, seed: 41 } });
  station = world.station;
});

test.afterAll(async () => {
  await world?.close();
});

test('a token that gives no PIN lengths takes any PIN; Escape, Enter and a double Enter behave', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sign');
  const start = page.getByRole('button', { name: 'Ký 4 hồ sơ…' });
  await start.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nhập mã PIN của token' });
  const pin = dialog.getByLabel('Mã PIN');
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAccessibleDescription(/^Ít nhất 1 ký tự\./);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(start).toBeFocused();

  await page.keyboard.press('Space');
  await expect(pin).toBeFocused();
  await page.keyboard.type('12345678');
  await expect(pin).toHaveValue('12345678');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-result')).toContainText('4');
  await expect(dialog).toHaveCount(0);
  const batches = await station.client.call('batches.list', { limit: 10 });
  expect(batches.total).toBe(1);
  // The Sign button is gone now (nothing left): the focus is on the result, then its link.
  await expect(page.getByTestId('sign-result').locator('xpath=ancestor::div[@tabindex="-1"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Sang màn hình Đồng bộ' })).toBeFocused();
});

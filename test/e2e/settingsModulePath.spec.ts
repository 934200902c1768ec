// The PKCS#11 library path pasted with its quotes (Windows Explorer's "Copy as path" adds them):
// the core stores it without them (settingsRules.ts). The field kept showing the quotes until the
// screen was opened again, so the signer saw a path that was not the one stored.
import { SOFTHSM_MODULE } from '../fixtures/softhsm.js';
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let station: Station & { close(): Promise<void> };

test.afterAll(async () => {
  await station?.close();
});

test.beforeAll(async () => {
  station = await openTestStation();
});

test('a quoted library path is shown as stored, without its quotes, once saved', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'settings');
  const field = page.getByLabel(/^PKCS#11 library/);
  await field.fill(`"${SOFTHSM_MODULE}"`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(field).toHaveValue(SOFTHSM_MODULE);
  expect((await station.client.call('settings.get', { key: 'pkcs11.module' })).value).toBe(SOFTHSM_MODULE);
  // Saving again sends nothing new: the field and the stored value agree.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field).toHaveValue(SOFTHSM_MODULE);
});

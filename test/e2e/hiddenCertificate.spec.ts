// A token that keeps its certificate private until login (CKA_PRIVATE; a real SoftHSM2 token,
// the real forked signer host): the Sign screen cannot show a certificate before the PIN, so it
// offers "the certificate this token shows after the PIN", chosen for the user as the only one;
// one PIN entry logs in, finds the certificate and signs. Afterwards the screen shows it.
import { forkSignerHost } from '../../electron/core/signer-client/index.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let token: SoftHsmToken;
let station: Station & { close(): Promise<void> };

test.beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Hidden cert token', keys: [{ type: 'EC', certificate: { private: true } }] });
  station = await openTestStation({ signing: { spawn: forkSignerHost({ env: token.env }) } });
  await station.client.call('settings.set', { key: 'facility.taxCode', value: TEST_FACILITY.taxCode });
  await station.client.call('settings.set', { key: 'pkcs11.module', value: token.modulePath });
  station.seed(3, 21);
});

test.afterAll(async () => {
  await station?.close();
  token?.cleanup();
});

test('signs with a certificate the token shows only after the PIN', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'sign');
  const choice = page.getByRole('radio', { name: 'The certificate this token shows after the PIN' });
  await expect(choice).toBeChecked();
  await expect(page.getByText('No certificate is visible before the PIN is entered', { exact: false })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);

  const ready = await station.client.call('sign.preview', {});
  expect(ready.count).toBeGreaterThan(0);
  await page.getByRole('button', { name: `Sign ${ready.count} records…` }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter the token PIN' });
  await dialog.getByLabel('PIN').fill(token.pin);
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByTestId('sign-result')).toContainText(`${ready.count} records`);

  // Logged in now, the token shows its certificate.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('Usable', { exact: true })).toBeVisible();
  await expect(choice).toHaveCount(0);
});

// A facility certificate in its last days (a real SoftHSM2 token, the real forked signer host):
// the Sign screen still offers it, chosen for the user, and says when it ends and what to do,
// in Vietnamese and in English.
import { forkSignerHost } from '../../electron/core/signer-client/index.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let token: SoftHsmToken;
let station: Station & { close(): Promise<void> };

test.beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Expiring token', keys: [{ type: 'EC', certificate: { variant: 'expiresSoon' } }] });
  station = await openTestStation({ signing: { spawn: forkSignerHost({ env: token.env }) } });
  await station.client.call('settings.set', { key: 'facility.taxCode', value: TEST_FACILITY.taxCode });
  await station.client.call('settings.set', { key: 'pkcs11.module', value: token.modulePath });
  station.seed(2, 31);
});

test.afterAll(async () => {
  await station?.close();
  token?.cleanup();
});

test('a certificate that expires in ten days is usable and the screen says to renew it', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sign');
  const certificate = page.locator('li.cert');
  await expect(certificate.getByRole('radio')).toBeChecked();
  await expect(certificate.getByText('Dùng được', { exact: true })).toBeVisible();
  await expect(certificate.getByRole('alert')).toContainText(/sắp hết hạn.*còn 10 ngày/);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await setLanguage(page, 'en');
  await expect(certificate).toContainText(/The certificate expires soon: ask your CA to renew it.*in 10 days/);
  await expect(page.getByRole('button', { name: /^Sign \d+ records…$/ })).toBeEnabled();
});

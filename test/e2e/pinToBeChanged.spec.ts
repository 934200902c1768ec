// A token whose PIN must be changed first (CKF_USER_PIN_TO_BE_CHANGED: the default PIN of the
// envelope, or a PIN the card expired) says so on the Sign screen BEFORE any PIN is typed, and
// offers no PIN field: the signer host would refuse the PIN anyway (session 25). A real SoftHSM
// token in a real signer host; the flag comes from the fault port SoftHSM cannot replace.
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { sourceHostSpawner } from '../integration/signer/forkedHost.js';
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let token: SoftHsmToken;
let station: Station & { close(): Promise<void> };

test.beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'VNPT-CA', keys: [{ type: 'EC' }] });
  station = await openTestStation({ signing: { spawn: sourceHostSpawner(token, { faults: { tokenFlags: ['CKF_USER_PIN_TO_BE_CHANGED'] } }) } });
  station.core.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
  station.core.store.setSetting('pkcs11.module', token.modulePath);
  station.seed(3, 5);
});

test.afterAll(async () => {
  await station?.close();
  token?.cleanup();
});

test('the token card says to change the PIN first, and no PIN can be typed for it', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sign');
  const card = page.locator('fieldset.token', { hasText: 'VNPT-CA' });
  await expect(card).toContainText('Token yêu cầu đổi mã PIN trước khi dùng');
  await expect(card).toContainText('PIN_TO_BE_CHANGED');
  // Its one usable certificate is not chosen for the signer, and cannot be.
  await expect(card.getByRole('radio')).toBeDisabled();
  await expect(card.getByRole('radio')).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Ký 3 hồ sơ…' })).toBeDisabled();
  await expect(page.getByLabel('Mã PIN')).toHaveCount(0);

  await setLanguage(page, 'en');
  await expect(card).toContainText('The token requires its PIN to be changed before use');
});

// Hot-plug and signer restarts reach the open page without any click (issue 4): pulling the
// token empties the Sign screen's token list, plugging it back fills it again, and a crashed
// signer host shows a banner (axe-clean, with real colours) until the host runs again. The
// signer is a small fake lent to a real core behind the real browser host: SoftHSM cannot
// unplug a token (it only sees token changes after C_Finalize + C_Initialize).
import type { SignerClientEvent } from '../../electron/core/signer-client/index.js';
import type { SignerResult } from '../../shared/signer/index.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, test, type Station } from './support/station.js';

const TOKEN: SignerResult<'tokens.list'>['tokens'][number] = {
  serial: 'E2E-TOKEN-1',
  label: 'Token co so',
  manufacturer: 'Fake',
  model: 'Plug',
  flags: { loginRequired: true, userPinInitialized: true, pinCountLow: false, pinFinalTry: false, pinLocked: false, protectedAuthenticationPath: false },
  pinMinLength: 4,
  pinMaxLength: 16,
  loggedIn: false,
  warnings: [],
  certificates: [],
};

let present = true;
const listeners = new Set<(e: SignerClientEvent) => void>();
const fire = (e: SignerClientEvent) => listeners.forEach((l) => l(e));
const signer = {
  on(l: (e: SignerClientEvent) => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  listTokens: async (): Promise<SignerResult<'tokens.list'>> => ({ module: { loaded: '/fake/pkcs11.so', candidates: [] }, tokens: present ? [TOKEN] : [] }),
  sign: () => Promise.reject(new Error('not used')),
  logIn: () => Promise.reject(new Error('not used')),
};

let station: Station & { close(): Promise<void> };
test.beforeAll(async () => {
  station = await openTestStation({ signing: { signer } });
});
test.afterAll(async () => {
  await station?.close();
});

test('the Sign screen follows the token being pulled and plugged back', async ({ page }) => {
  await openStationPage(page, station);
  await gotoScreen(page, 'sign');
  const tokenCard = page.getByText('Token co so — Fake, số sê-ri E2E-TOKEN-1');
  await expect(tokenCard).toBeVisible();

  present = false;
  fire({ type: 'token.removed', data: { serial: TOKEN.serial, label: TOKEN.label } });
  await expect(page.getByText('Chưa thấy token nào.', { exact: false })).toBeVisible();
  await expect(tokenCard).toHaveCount(0);

  present = true;
  fire({ type: 'token.inserted', data: { serial: TOKEN.serial, label: TOKEN.label } });
  await expect(tokenCard).toBeVisible();
});

test('a crashed signer host is reported until it runs again', async ({ page }) => {
  await openStationPage(page, station);
  await gotoScreen(page, 'overview');
  fire({ type: 'signer.crashed', code: 3, signal: null });
  const banner = page.getByTestId('signer-status');
  await expect(banner).toContainText('Trình điều khiển token đang được khởi động lại');
  await expect(banner).toContainText('SIGNER_CRASHED');
  expect(await seriousAxeViolations(page)).toEqual([]);

  fire({ type: 'signer.unavailable', crashes: 5, error: { code: 'SIGNER_UNAVAILABLE', message_vi: 'Đã dừng khởi động lại', message_en: 'Restarts stopped' } });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Không ký số được');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await alert.getByRole('link', { name: 'Mở màn hình Ký số' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/sign$/);

  fire({ type: 'signer.started', pid: 9 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(banner).toBeEmpty();
});

// A passport issued at 18:30 UTC on 28/02/2024 was issued at 01:30 on 29/02/2024 in Viet Nam, and
// its 12 months end at 01:30 on 01/03/2025 Viet Nam time (probe 16, F2/F3). On a PC set to
// Los Angeles time the certificates screen still shows the Viet Nam days, and the certificate
// (expired by now) says it expired, with its Viet Nam time, instead of "the digital signature
// could not be verified": its signature is fine. The real platform simulator on 127.0.0.1, its
// clock set back to that instant only while it signs the certificates.
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test, type Station } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

const DAY = 86400_000;
const ISSUED = new Date('2024-02-28T18:30:00Z');

let world: StationWithPlatform;
let station: Station;

test.use({ timezoneId: 'America/Los_Angeles' });

test.beforeAll(async () => {
  // The platform's DSCs are made at its start: at ISSUED, so they cover a certificate issued then.
  let platformNow = () => ISSUED;
  world = await openStationWithPlatform({
    validity: { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 300 * DAY) },
    platform: { issuance: 'manual', clock: () => platformNow() },
    seed: { count: 6, seed: 41 },
  });
  station = world.station;
  platformNow = () => new Date();
  await station.core.signing.sign({});
  expect(await station.client.call('sync.run', {})).toMatchObject({ failedBatches: 0, accepted: 6 });
  platformNow = () => ISSUED;
  await world.platform.issueNow();
  platformNow = () => new Date();
  const pulled = await station.client.call('sync.run', {});
  expect(pulled).toMatchObject({ setAside: 0 });
  expect(pulled.certificates).toBeGreaterThan(0);
});

test.afterAll(async () => {
  await world?.close();
});

test('issue and expiry dates are Viet Nam days; an expired passport says it expired, not that its signature failed', async ({ page }) => {
  const [c] = (await station.client.call('certificates.list', {})).items;
  expect(c).toMatchObject({ issuedAt: '2024-02-28T18:30:00.000Z', expiresAt: '2025-02-28T18:30:00.000Z' });
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'certificates');
  const row = page.locator('tbody tr').first();
  await expect(row.locator('td').nth(2)).toHaveText('29/02/2024');
  await expect(row.locator('td').nth(3)).toHaveText('01/03/2025');
  // Expired by now: marked in the list, not only on its own screen.
  await expect(row.getByTestId('cert-expired')).toHaveText('Expired');

  await row.getByRole('link').click();
  const verdict = page.getByTestId('certificate-verification');
  await expect(verdict).toContainText('The certificate’s digital signature is valid, but the certificate did not pass every check.');
  await expect(verdict).toContainText('It expired on 01/03/2025 01:30 (Viet Nam time).');
  await expect(verdict).not.toContainText('could not be verified');
  await expect(page.locator('.certificate-qr figcaption')).toContainText('29/02/2024 – 01/03/2025');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await setLanguage(page, 'vi');
  await expect(verdict).toContainText('Chứng nhận đã hết hạn lúc 01/03/2025 01:30 (giờ Việt Nam).');
  await expect(verdict).not.toContainText('Chưa xác minh được chữ ký số');
});

// A certificate replaced by a correction (probe 17, F1), on the certificate screen with the real
// platform simulator on 127.0.0.1. Corrected here and not yet synced, the old certificate says
// it will be replaced; once the platform revoked it, the screen says "revoked at" (Viet Nam time),
// links to the replacing certificate, marks the certificate itself, and offers no Print.
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test, type Station } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

let world: StationWithPlatform;
let station: Station;
let oldId: string;
let fixedId: string;

test.beforeAll(async () => {
  world = await openStationWithPlatform({ seed: { count: 0, seed: 1 } });
  station = world.station;
  const person = { idType: 'CCCD' as const, idNumber: '079161004581', fullName: 'Phạm Thị Dung', dob: '1961-02-11', sex: 'F' as const };
  oldId = station.core.store.createRecord({ person, dose: { vaccine: 'JANSSEN', lot: 'XD9', doseNumber: 1, vaccinationDate: '2021-08-02', facilityCode: '79001' } }, { source: 'form', confirmWarnings: true }).record.id;
  await station.core.signing.sign({});
  expect(await station.client.call('sync.run', {})).toMatchObject({ accepted: 1, certificates: 1 });
  fixedId = station.core.store.correctRecord(oldId, { person: { dob: '1961-05-20' } }, 'Sai ngày sinh', { confirmWarnings: true }).record.id;
});

test.afterAll(async () => {
  await world?.close();
});

test('a certificate replaced by a correction: pending, then revoked with a link to the new one and no Print', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  // The list says it before the certificate is opened.
  await gotoScreen(page, 'certificates');
  await expect(page.getByTestId('cert-awaiting-replacement')).toHaveText('To be replaced (correction not synced)');
  await gotoScreen(page, `certificates/${oldId}`);
  await expect(page.getByTestId('certificate-correction-pending')).toContainText('will be revoked and replaced by a new one');
  await expect(page.getByTestId('certificate-revoked')).toHaveCount(0);
  await expect(page.getByTestId('certificate-verification')).toContainText('The certificate’s digital signature is valid.');

  await station.core.signing.sign({});
  expect(await station.client.call('sync.run', {})).toMatchObject({ accepted: 1, revoked: 1 });
  const { revokedAt } = await station.client.call('certificates.get', { recordId: oldId });
  expect(revokedAt).not.toBeNull();
  // Revoked while the screen was open: Print asks again first, shows the revocation and prints nothing.
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => void (w.printed += 1);
  });
  await page.getByRole('button', { name: /^Print/ }).click();
  const revoked = page.getByTestId('certificate-revoked');
  await expect(revoked).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0);
  await page.reload();
  await gotoScreen(page, `certificates/${oldId}`);
  await expect(revoked).toContainText(/This certificate was revoked at \d\d\/\d\d\/\d{4} \d\d:\d\d \(Viet Nam time\): its record was corrected/);
  const verdict = page.getByTestId('certificate-verification');
  await expect(verdict).toContainText('The certificate’s digital signature is valid, but the certificate did not pass every check.');
  await expect(verdict).toContainText(/It was revoked at \d\d\/\d\d\/\d{4} \d\d:\d\d \(Viet Nam time\)\./);
  await expect(page.getByTestId('certificate-revoked-mark')).toHaveText('ĐÃ THU HỒI / REVOKED');
  await expect(page.getByRole('button', { name: /Print|Save as a PDF/ })).toHaveCount(0);
  await expect(page.getByTestId('certificate-correction-pending')).toHaveCount(0);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await setLanguage(page, 'vi');
  await expect(revoked).toContainText(/Chứng nhận này đã bị thu hồi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam\)/);
  await expect(verdict).toContainText('Chứng nhận đã bị thu hồi lúc');

  await revoked.getByRole('link', { name: 'Mở chứng nhận thay thế' }).click();
  await expect(page).toHaveURL(new RegExp(`#/certificates/${fixedId}$`));
  await expect(page.locator('[data-field="dateOfBirth"] dd')).toContainText('20/05/1961');
  await expect(page.getByTestId('certificate-revoked')).toHaveCount(0);
  await expect(page.getByTestId('certificate-revoked-mark')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'In / Lưu thành PDF' })).toBeVisible();
});

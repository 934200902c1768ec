// A certificate set aside for a record this station never had (session 26, second pass): the Sync
// screen offers to dismiss it, asks first in a dialog opened on Cancel, and says it was dismissed;
// one for a record held here offers nothing but says the person is waiting for it. Entries written
// into the station's SQLite as a pull sets them aside.
import { setAsideStore } from '../../electron/core/sync/certificateSetAside.js';
import { recordUnknown, unverified } from '../../electron/core/sync/setAsideReasons.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let station: Station & { close(): Promise<void> };
const STRANGER = '01900000-0000-7000-8000-0000000000dd';
const UVCI = 'URN:UVCI:01:VN:STRANGER#D';

test.beforeAll(async () => {
  station = await openTestStation();
  station.seed(2, 54);
  const held = (station.core.store.db.prepare('SELECT id FROM dose_records ORDER BY seq LIMIT 1').get() as { id: string }).id;
  const aside = setAsideStore(station.core.store.db);
  const now = new Date().toISOString();
  const a = { recordId: STRANGER, uvci: UVCI };
  const b = { recordId: held, uvci: 'URN:UVCI:01:VN:HELD#E' };
  aside.put(a, { after: null, position: 0 }, recordUnknown(a), now);
  aside.put(b, { after: null, position: 1 }, unverified(b, null, true), now);
});

test.afterAll(async () => {
  await station?.close();
});

test('a certificate set aside for no record held here is dismissed after a confirm', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sync');
  await expect(page.getByTestId('sync-set-aside')).toContainText('2 chứng nhận');
  const items = page.locator('[data-set-aside]');
  await expect(items).toHaveCount(2);
  // The one a person waits for: no button, and why.
  const heldItem = items.filter({ hasText: 'HELD#E' });
  await expect(heldItem.getByRole('button')).toHaveCount(0);
  await expect(heldItem).toContainText('Người này đang chờ chứng nhận');

  await page.getByRole('button', { name: `Bỏ qua chứng nhận để riêng ${UVCI} (bản ghi ${STRANGER})` }).click();
  const dialog = page.getByRole('dialog', { name: `Bỏ qua chứng nhận ${UVCI}` });
  await expect(dialog).toContainText(`không có bản ghi ${STRANGER}`);
  await expect(dialog.getByRole('button', { name: 'Hủy' })).toBeFocused();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await station.client.call('sync.status', {})).certificatesSetAside.total).toBe(2);

  await setLanguage(page, 'en');
  await page.getByRole('button', { name: `Dismiss the certificate set aside ${UVCI} (record ${STRANGER})` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(page.getByTestId('dismiss-result')).toHaveText(`Certificate set aside ${UVCI} dismissed.`);
  await expect(page.getByTestId('dismiss-result').locator('xpath=ancestor::div[@tabindex="-1"]')).toBeFocused();
  await expect(items).toHaveCount(1);
  await expect(items).toContainText('HELD#E');
  expect((await station.client.call('sync.status', {})).certificatesSetAside.total).toBe(1);
});

test('a dismissal is undone from the list of dismissed certificates (session 27)', async ({ page }) => {
  const listed = (await station.client.call('sync.status', {})).certificatesSetAside.items.find((i) => i.uvci === UVCI);
  if (listed !== undefined) await station.client.call('sync.dismissSetAside', { id: listed.id });
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sync');
  const dismissed = page.getByTestId('sync-dismissed');
  await expect(dismissed).toContainText('Chứng nhận đã bỏ qua (1)');
  await dismissed.locator('summary').click();
  await expect(page.locator('[data-dismissed]')).toContainText(STRANGER);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await setLanguage(page, 'en');
  await page.getByRole('button', { name: `Undo the dismissal of certificate ${UVCI} (record ${STRANGER})` }).click();
  await expect(page.getByTestId('undo-dismiss-result')).toHaveText(`Dismissal of certificate ${UVCI} undone: it is listed again, and the next sync asks for it again.`);
  await expect(page.getByTestId('undo-dismiss-result').locator('xpath=ancestor::div[@tabindex="-1"]')).toBeFocused();
  await expect(page.locator('[data-set-aside]')).toHaveCount(2);
  await expect(page.getByTestId('sync-dismissed')).toHaveCount(0);
  const status = await station.client.call('sync.status', {});
  expect([status.certificatesSetAside.total, status.certificatesDismissed.total]).toEqual([2, 0]);

  // Session 28: a later dismissal clears the Undo's notice, and a later undo the dismissal's: one
  // notice, of what was done last (both showed, the older one reading as still true).
  await page.getByRole('button', { name: `Dismiss the certificate set aside ${UVCI} (record ${STRANGER})` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(page.getByTestId('dismiss-result')).toHaveText(`Certificate set aside ${UVCI} dismissed.`);
  await expect(page.getByTestId('undo-dismiss-result')).toHaveCount(0);
  await page.getByTestId('sync-dismissed').locator('summary').click();
  await page.getByRole('button', { name: `Undo the dismissal of certificate ${UVCI} (record ${STRANGER})` }).click();
  await expect(page.getByTestId('undo-dismiss-result')).toHaveCount(1);
  await expect(page.getByTestId('dismiss-result')).toHaveCount(0);
});

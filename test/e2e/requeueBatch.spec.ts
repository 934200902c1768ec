// A batch the national platform refused as a whole (signed with an expired certificate; the real
// platform simulator on 127.0.0.1): the Sync screen offers to put its records back in the signing
// queue, asks first in a dialog, and says how many are ready to sign again.
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, setLanguage, test, type Station } from './support/station.js';
import { openStationWithPlatform, type StationWithPlatform } from './support/withPlatform.js';

const DAY = 86400_000;

let world: StationWithPlatform;
let station: Station;
let batch: string;

test.beforeAll(async () => {
  world = await openStationWithPlatform({
    validity: { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 60 * DAY) },
    seed: { count: 6, seed: 41 },
  });
  station = world.station;
  batch = (await station.core.signing.sign({})).batch;
  const r = await station.client.call('sync.run', {});
  expect(r).toMatchObject({ failedBatches: 1, rejected: 6 });
});

test.afterAll(async () => {
  await world?.close();
});

test('a refused batch goes back to the signing queue after a confirm', async ({ page }) => {
  // Batches signed within a minute share their first digits (UUIDv7 time): the label shows the end too.
  const label = `${batch.slice(0, 8)}…${batch.slice(-4)}`;
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sync');
  const row = page.locator('tr', { has: page.locator('[data-batch-state="failed"]') });
  await expect(row).toContainText('CERT_EXPIRED');
  await row.getByRole('button', { name: `Đưa các hồ sơ của lô ${label} về hàng chờ ký` }).click();
  const dialog = page.getByRole('dialog', { name: `Ký lại các hồ sơ của lô ${label}` });
  await expect(dialog).toContainText('6 hồ sơ');
  // It opens on Cancel: an Enter pressed twice on the row's button does not confirm.
  await expect(dialog.getByRole('button', { name: 'Hủy' })).toBeFocused();
  expect(await seriousAxeViolations(page)).toEqual([]);
  // Cancel first: nothing changes.
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await station.client.call('sign.preview', {})).count).toBe(0);

  await setLanguage(page, 'en');
  await row.getByRole('button', { name: `Put the records of batch ${label} back in the signing queue` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Back to the signing queue' }).click();
  await expect(page.getByTestId('requeue-result')).toContainText(`Batch ${label}: 6 records are back in the signing queue, 6 ready to sign.`);
  expect((await station.client.call('sign.preview', {})).count).toBe(6);
  // The focus is on what happened, and the row no longer offers it.
  await expect(page.getByTestId('requeue-result').locator('xpath=ancestor::div[@tabindex="-1"]')).toBeFocused();
  await expect(row).toContainText('Put back in the signing queue');
  await expect(row.getByRole('button')).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to Signing' }).click();
  await expect(page.getByRole('button', { name: 'Sign 6 records…' })).toBeVisible();
});

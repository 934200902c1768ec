// A ready record the platform would refuse (a 36-character phone an older build stored) is held
// back at signing (session 26): the Sign screen says which record, why, in the user's language,
// and links to it; the rest of the batch is signed. A real SoftHSM2 token and the real forked
// signer host sign through the screen's PIN dialog.
import { forkSignerHost } from '../../electron/core/signer-client/index.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

let token: SoftHsmToken;
let station: Station & { close(): Promise<void> };
let heldId: string;

test.beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Held back token', keys: [{ type: 'EC' }] });
  station = await openTestStation({ signing: { spawn: forkSignerHost({ env: token.env }) } });
  await station.client.call('settings.set', { key: 'facility.taxCode', value: TEST_FACILITY.taxCode });
  await station.client.call('settings.set', { key: 'pkcs11.module', value: token.modulePath });
  station.seed(4, 31);
  const ready = await station.client.call('records.list', { state: 'ready', limit: 10 });
  expect(ready.total).toBeGreaterThan(1);
  heldId = ready.items[0]!.record.id;
  // As an older build stored it: no rule of this one ran on it.
  station.core.store.db
    .prepare('UPDATE people SET phone = ? WHERE id = (SELECT person_id FROM dose_records WHERE id = ?)')
    .run('0912345678/0987654321/0243812345/nhà', heldId);
});

test.afterAll(async () => {
  await station?.close();
  token?.cleanup();
});

test('a record the platform would refuse is held back, named and linked; the rest is signed', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'sign');
  const before = await station.client.call('sign.preview', {});
  // The person's doses: every ready one of them is held back with the phone.
  const held = station.core.store.db
    .prepare(`SELECT id FROM dose_records WHERE state = 'ready' AND person_id = (SELECT person_id FROM dose_records WHERE id = ?)`)
    .pluck()
    .all(heldId) as string[];
  await page.getByRole('button', { name: `Ký ${before.count} hồ sơ…` }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập mã PIN của token' });
  await dialog.getByLabel('Mã PIN').fill(token.pin);
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(page.getByTestId('sign-result')).toContainText(`${before.count - held.length} hồ sơ`);
  const notice = page.getByTestId('sign-held-back');
  await expect(notice).toContainText(`${held.length} hồ sơ không được ký`);
  const list = page.locator('li', { hasText: 'SIGNED_RECORD_INVALID' });
  await expect(list).toHaveCount(held.length);
  await expect(list.first()).toContainText('dài 36 ký tự, quá 32');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await setLanguage(page, 'en');
  await expect(notice).toContainText(`${held.length === 1 ? '1 record was' : `${held.length} records were`} not signed`);

  // Each held-back record is a draft now, and its link opens it.
  for (const id of held) expect((await station.client.call('records.get', { id })).record.state).toBe('draft');
  await list.first().getByRole('link', { name: 'Open the record' }).click();
  await expect(page).toHaveURL(/#\/records\/[^/?]+$/);
  expect(held).toContain(decodeURIComponent(new URL(page.url()).hash.replace('#/records/', '')));
});

test('every ready record held back: the screen lists them as when some are signed, and no longer counts them ready (session 28)', async ({ page }) => {
  // Every ready record's person has the phone the platform would refuse.
  station.seed(1, 32);
  const ready = await station.client.call('records.list', { state: 'ready', limit: 10 });
  expect(ready.total).toBe(1);
  const id = ready.items[0]!.record.id;
  station.core.store.db
    .prepare('UPDATE people SET phone = ? WHERE id = (SELECT person_id FROM dose_records WHERE id = ?)')
    .run('0912345678/0987654321/0243812345/nhà', id);
  expect((await station.client.call('sign.preview', {})).count).toBe(1);
  await openStationPage(page, station);
  await setLanguage(page, 'en');
  await gotoScreen(page, 'sign');
  await page.getByRole('button', { name: 'Sign 1 record…' }).click();
  const dialog = page.getByRole('dialog', { name: /PIN/ });
  await dialog.getByLabel('PIN').fill(token.pin);
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  // Said once, with the record's link and why, not only the first reason in the PIN dialog.
  const notice = page.getByTestId('sign-held-back');
  await expect(notice).toContainText('1 record was not signed');
  const item = page.locator('li', { hasText: 'SIGNED_RECORD_INVALID' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('36 characters');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Sign \d+ record/ })).toHaveCount(0);
  await setLanguage(page, 'vi');
  await expect(notice).toContainText('1 hồ sơ không được ký');
  expect((await station.client.call('records.get', { id })).record.state).toBe('draft');
  await item.getByRole('link', { name: 'Mở hồ sơ' }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/${encodeURIComponent(id)}$`));
});

// Every screen in both languages: it renders with real data, raises no console error (a CSP
// violation would be one), and is saved as a picture under test-results/screens/ for review. axe
// runs on every screen once, in Vietnamese (the structure, labels and colours are the same in
// English; axe is the slow part of this file on a 2-core machine).
import { expect, openStationPage, openTestStation, pageErrors, setLanguage, test } from './support/station.js';
import { gotoScreen, saveScreenshot, seriousAxeViolations } from './support/screens.js';

const ROUTES = ['overview', 'records', 'people', 'entry', 'import', 'sign', 'sync', 'certificates', 'verify', 'settings', 'audit'];

for (const lang of ['vi', 'en'] as const) {
  test(`every screen renders in ${lang === 'vi' ? 'Vietnamese, and passes axe' : 'English'}`, async ({ page, station }) => {
    test.setTimeout(120_000);
    if ((await station.client.call('records.counts', {})).ready === 0) station.seed(60);
    const first = (await station.client.call('records.list', { limit: 1 })).items[0]!;
    await openStationPage(page, station);
    await setLanguage(page, lang);
    const expectedTitle = { vi: 'Hồ sơ tiêm chủng', en: 'Vaccination records' }[lang];
    for (const route of [...ROUTES, `records/${first.record.id}`, `entry/${first.record.id}`]) {
      await gotoScreen(page, route);
      if (route === 'records') await expect(page.locator('main h1')).toHaveText(expectedTitle);
      if (lang === 'vi') expect(await seriousAxeViolations(page), route).toEqual([]);
      await saveScreenshot(page, `${route.replace(/\/.*/, '-detail')}-${lang}`);
    }
    // The language of the page follows the switch, and nothing failed on the way.
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(pageErrors(page)).toEqual([]);
  });
}

test('the entry form shows live findings accessibly (axe with messages on screen)', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'entry');
  await page.getByLabel('Số giấy tờ').fill('12345');
  await page.getByLabel('Họ và tên', { exact: false }).first().fill('Trần Thị Bình');
  await expect(page.getByTestId('live-check')).toContainText('Lỗi');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'entry-findings-vi');
});

test('a function this core does not offer yet shows a calm "not available yet", and the rest works', async ({ page }) => {
  const station = await openTestStation({ handlers: { 'token.list': undefined, 'sign.preview': undefined, 'sync.status': undefined, 'batches.list': undefined } });
  try {
    await openStationPage(page, station);
    await setLanguage(page, 'vi');
    await gotoScreen(page, 'sign');
    await expect(page.getByTestId('not-available').first()).toContainText('Chức năng này chưa có');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await gotoScreen(page, 'sync');
    await expect(page.getByTestId('not-available').first()).toBeVisible();
    await gotoScreen(page, 'overview');
    await expect(page.locator('[data-state="ready"]')).toHaveText('0');
    expect(pageErrors(page)).toEqual([]);
  } finally {
    await station.close();
  }
});

test('a sync that stops early says why in its result, not a calm "sent 0"', async ({ page, station }) => {
  // A platform that is down (503 with a long Retry-After) on 127.0.0.1: nothing can go or come.
  const { createServer } = await import('node:http');
  const down = createServer((req, res) => {
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '3600' }).end(JSON.stringify({ code: 'MAINTENANCE', message: 'maintenance', message_vi: 'Đang bảo trì', message_en: 'Under maintenance' }));
  });
  await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
  try {
    const port = (down.address() as { port: number }).port;
    await station.client.call('settings.set', { key: 'platform.url', value: `http://127.0.0.1:${port}/` });
    await station.client.call('settings.set', { key: 'platform.key', value: 'k-e2e' });
    await openStationPage(page, station);
    await setLanguage(page, 'vi');
    await gotoScreen(page, 'sync');
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect(page.getByTestId('sync-deferred')).toContainText('Lần đồng bộ này dừng sớm');
    await expect(page.getByTestId('sync-deferred')).toContainText('Đang bảo trì');
    await setLanguage(page, 'en');
    await expect(page.getByTestId('sync-deferred')).toContainText('This sync stopped early');
    await expect(page.getByTestId('sync-deferred')).toContainText('Under maintenance');
    expect(pageErrors(page)).toEqual([]);
  } finally {
    down.closeAllConnections();
    await new Promise((r) => down.close(r));
    await station.client.call('settings.set', { key: 'platform.url', value: null });
  }
});

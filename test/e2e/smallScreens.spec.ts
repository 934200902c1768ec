// The clinics' screens (probe 18): 1280x720 and 1366x768 at Windows' 125% scaling leave 1024x576
// and 1093x614 CSS pixels. No screen scrolls sideways, and the records table shows all seven
// columns, State included, without a sideways scroll of its own.
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, setLanguage, test } from './support/station.js';
import { SCREENS } from '../../renderer/src/app/routes.js';

for (const size of [{ width: 1024, height: 576 }, { width: 1093, height: 614 }]) {
  test(`at ${size.width}x${size.height} CSS px (125%), nothing essential is off to the side`, async ({ browser, station }) => {
    if ((await station.client.call('records.list', { limit: 1 })).total === 0) station.seed(30, 41);
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1.25, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    try {
      await openStationPage(page, station);
      for (const lang of ['vi', 'en'] as const) {
        await setLanguage(page, lang);
        for (const screen of SCREENS) {
          await gotoScreen(page, screen);
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(sideways, `${lang} ${screen} scrolls sideways`).toBeLessThanOrEqual(0);
        }
        await gotoScreen(page, 'records');
        const table = page.locator('.vtable');
        await expect(table.getByRole('row').nth(1)).toBeVisible();
        const fit = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(fit.scroll, `${lang}: the records table scrolls sideways`).toBeLessThanOrEqual(fit.client);
        const tableBox = (await table.boundingBox())!;
        const stateBox = (await table.getByRole('columnheader').last().boundingBox())!;
        expect(stateBox.x + stateBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
      }
    } finally {
      await context.close();
    }
  });
}

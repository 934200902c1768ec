// The certificates list a year on (session 20): a clinic looks for the expired certificates
// (people come back for a new one) with a filter, and finds a certificate by the part of its UVCI
// printed after URN:UVCI:01:VN:, typed in lower case. Certificates written straight into the
// station's SQLite (the list reads them as the sync stores them).
import { gotoScreen } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test, type Station } from './support/station.js';

// A station of its own: the fixture's is shared by the specs a worker runs (their records and certificates).
let station: Station & { close(): Promise<void> };

test.afterAll(async () => {
  await station?.close();
});

const DAY = 86400_000;
const uvcis: string[] = [];

test.beforeAll(async () => {
  station = await openTestStation();
  station.seed(6, 53);
  const ids = (station.core.store.db.prepare('SELECT id FROM dose_records ORDER BY seq LIMIT 4').all() as { id: string }[]).map((r) => r.id);
  expect(ids).toHaveLength(4);
  const insert = station.core.store.db.prepare('INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  ids.forEach((id, i) => {
    // Two issued ~2 years ago (expired), two ~a month ago (valid for 11 more months).
    const issued = new Date(Date.now() - (i < 2 ? 730 + i : 30 + i) * DAY);
    const uvci = `URN:UVCI:01:VN:${id.replaceAll('-', '').toUpperCase()}#K`;
    uvcis.push(uvci);
    insert.run(id, uvci, 'HC1:X', issued.toISOString(), new Date(issued.getTime() + 365 * DAY).toISOString(), issued.toISOString());
  });
});

test('the expiry filter keeps the expired, or the valid, in both languages', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'certificates');
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('Hạn hiệu lực').selectOption({ label: 'Đã hết hạn' });
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId('cert-expired')).toHaveCount(2);
  await expect(rows.locator('code')).toHaveText([uvcis[0]!, uvcis[1]!]);
  await setLanguage(page, 'en');
  await page.getByLabel('Validity').selectOption({ label: 'Not expired' });
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId('cert-expired')).toHaveCount(0);
  await expect(rows.locator('code')).toHaveText([uvcis[2]!, uvcis[3]!]);
  await page.getByLabel('Validity').selectOption({ label: 'All' });
  await expect(rows).toHaveCount(4);
});

test('a UVCI is found by its part after URN:UVCI:01:VN:, typed in lower case', async ({ page }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await gotoScreen(page, 'certificates');
  const wanted = uvcis[1]!;
  // The record ids share their first (time) digits: the whole part before the checksum.
  const typed = wanted.slice('URN:UVCI:01:VN:'.length, wanted.indexOf('#')).toLowerCase();
  await page.getByLabel('Tìm theo tên hoặc mã chứng nhận').fill(typed);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('code')).toHaveText(wanted);
  await page.getByLabel('Tìm theo tên hoặc mã chứng nhận').fill('zzzz-khong-co');
  await expect(page.getByTestId('certs-none')).toHaveText('Không có chứng nhận nào khớp.');
});

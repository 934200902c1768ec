// The settings screen's backups (electron/core/db/backups.ts): none at first, "back up now" by
// keyboard takes a checked copy and says what it holds, the newest copy is then shown with its
// Viet Nam time; the databases restores replaced are counted with their size; a copy that cannot
// be written says why in the user's language.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gotoScreen, seriousAxeViolations } from './support/screens.js';
import { expect, openStationPage, openTestStation, setLanguage, test } from './support/station.js';

test('back up now from the settings screen, then the newest copy is shown', async ({ page }) => {
  const station = await openTestStation({ backups: false });
  try {
    station.seed(12);
    // A database an earlier restore replaced, kept beside station.db: counted with its size.
    writeFileSync(join(station.dataDir, 'station.db.replaced-20261120-101500'), Buffer.alloc(2 * 1024 ** 2));
    await openStationPage(page, station);
    await setLanguage(page, 'en');
    await gotoScreen(page, 'settings');
    await expect(page.getByTestId('backups-newest')).toHaveText('No backup yet. The station backs itself up every day while it is open.');
    await expect(page.getByTestId('backups-replaced')).toHaveText(/^Databases replaced by a restore, kept beside station\.db: 1 file \(2\.0 MB\)\. /);
    await expect(page.getByText(`Folder: ${join(station.dataDir, 'backups')}`)).toBeVisible();
    // The restore line names this station's folder: without it, station restores into its default one.
    await expect(page.getByText(`run station --data-dir "${station.dataDir}" restore "<…>" --replace, with the backup file's path`)).toBeVisible();
    const now = page.getByRole('button', { name: 'Back up now' });
    await now.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^Backed up and checked: station-manual-\d{8}-\d{6}\.db \(12 records, 0 certificates\)\.$/)).toBeVisible();
    // The focus stayed on the button while it worked (BusyButton), for the next keyboard press.
    await expect(now).toBeFocused();
    await expect(page.getByTestId('backups-newest')).toHaveText(/^Newest backup: \d\d\/\d\d\/\d{4} \d\d:\d\d \(by hand\); 1 in the folder\.$/);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await setLanguage(page, 'vi');
    await gotoScreen(page, 'settings');
    await expect(page.getByTestId('backups-newest')).toHaveText(/^Bản sao lưu mới nhất: \d\d\/\d\d\/\d{4} \d\d:\d\d \(sao lưu thủ công\); có 1 bản trong thư mục\.$/);
    await expect(page.getByTestId('backups-replaced')).toHaveText(/^Cơ sở dữ liệu bị thay thế khi khôi phục, đang giữ bên cạnh station\.db: 1 tệp \(2,0 MB\)\. /);
    // A backups "folder" that is a file: the copy fails, says why in Vietnamese, and the station goes on.
    const folder = join(station.dataDir, 'backups');
    rmSync(folder, { recursive: true });
    writeFileSync(folder, 'not a folder');
    const again = page.getByRole('button', { name: 'Sao lưu ngay' });
    await again.click();
    await expect(page.getByRole('alert')).toContainText('Không sao lưu được');
    await expect(again).toHaveAttribute('aria-disabled', 'false');
    rmSync(folder);
    mkdirSync(folder);
  } finally {
    await station.close();
  }
});

test('a daily copy the station could not take is on the overview and in settings, in both languages', async ({ page }) => {
  // Every daily check finds too little space: the copy is skipped, and the screens say so.
  const station = await openTestStation({ backups: { firstAfterMs: 5, checkEveryMs: 60_000, minFreeBytes: Number.MAX_SAFE_INTEGER } });
  try {
    station.seed(3);
    for (let i = 0; i < 200 && (await station.client.call('backups.list', {})).daily?.problem == null; i++) await new Promise((r) => setTimeout(r, 10));
    await openStationPage(page, station);
    await setLanguage(page, 'vi');
    await gotoScreen(page, 'overview');
    const backups = page.getByRole('region', { name: 'Sao lưu', exact: true });
    await expect(backups.getByTestId('overview-backup-newest')).toHaveText('Chưa có bản sao lưu nào. Trạm tự sao lưu mỗi ngày khi đang mở.');
    await expect(backups.getByTestId('backups-problem')).toHaveText(/^Sao lưu tự động hằng ngày chưa tạo được \(lần thử lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\)\. Ổ đĩa của thư mục dữ liệu chỉ còn [\d,.]+ MB trống/);
    await backups.getByRole('link', { name: 'Mở phần Sao lưu trong Cài đặt' }).click();
    await expect(page.getByTestId('backups-problem')).toHaveAttribute('data-code', 'BACKUP_LOW_SPACE');
    // No database a restore replaced is kept: no line counting "0 files (0.0 MB)".
    await expect(page.getByTestId('backups-newest')).toBeVisible();
    await expect(page.getByTestId('backups-replaced')).toHaveCount(0);

    await setLanguage(page, 'en');
    await gotoScreen(page, 'overview');
    await expect(page.getByRole('region', { name: 'Backups', exact: true }).getByTestId('backups-problem')).toHaveText(/^The daily automatic backup could not be taken \(tried at .*\)\. The data folder's drive has only [\d,.]+ MB free/);
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await station.close();
  }
});

// Keyboard only, no mouse: from the top of the page, Tab reaches the skip link, the language
// switch and every screen's link; Enter opens the screen and puts the focus on its heading.
import { expect, openStationPage, setLanguage, test } from './support/station.js';

const SCREENS: [string, string][] = [
  ['Tổng quan', 'Tổng quan'],
  ['Hồ sơ', 'Hồ sơ tiêm chủng'],
  ['Người trùng', 'Người có thể bị nhập hai lần'],
  ['Nhập hồ sơ', 'Nhập hồ sơ tiêm'],
  ['Nhập từ tệp', 'Nhập từ tệp Excel / CSV'],
  ['Ký số', 'Ký số'],
  ['Đồng bộ', 'Đồng bộ với hệ thống quốc gia'],
  ['Chứng nhận', 'Chứng nhận tiêm chủng'],
  ['Kiểm tra QR', 'Kiểm tra chứng nhận'],
  ['Cài đặt', 'Cài đặt'],
  ['Nhật ký', 'Nhật ký thao tác'],
];

test('Tab and Enter reach every screen, and the skip link jumps to the content', async ({ page, station }) => {
  await openStationPage(page, station);
  await setLanguage(page, 'vi');
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  // The first Tab on a fresh page lands on the skip link, which moves the focus past the menu.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  for (const [link, heading] of SCREENS) {
    // From wherever the focus is (the last screen's heading), Shift+Tab walks back into the menu.
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = await page.evaluate((name) => document.activeElement?.textContent === name && document.activeElement.closest('nav') !== null, link);
    }
    expect(reached, `the keyboard reaches ${link}`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.locator('main h1')).toHaveText(heading);
    await expect(page.locator('main h1')).toBeFocused();
    await expect(page.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('the focus is always visible (a ring of at least 2px)', async ({ page, station }) => {
  await openStationPage(page, station);
  const ring = () =>
    page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { tag: document.activeElement?.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const r = await ring();
    expect(r.style, `${i}: ${r.tag}`).not.toBe('none');
    expect(r.width).toBeGreaterThanOrEqual(2);
  }
});

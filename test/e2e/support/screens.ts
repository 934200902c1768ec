/** Helpers shared by the specs: open a screen, wait until it settled, check it with axe, save a picture. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SCREENS_DIR = resolve(import.meta.dirname, '../../../test-results/screens');

/** Goes to `#/<route>` and waits for its heading and for every "loading" line to be gone. */
export async function gotoScreen(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => (window.location.hash = r), `#/${route}`);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main [role="status"]', { hasText: /^(Đang tải…|Loading…)$/ })).toHaveCount(0, { timeout: 20_000 });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** axe-core with all its rules (WCAG 2.1 A/AA and best practice): serious and critical violations, as readable lines. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

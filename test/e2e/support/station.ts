/**
 * The Playwright fixture every spec uses: a real station core on a temp data folder behind the
 * browser host (the same startBrowserHost `station serve` runs), one per test file (worker), plus
 * an in-process RPC client to set the scene quickly. Pages open `station.url` (with the secret).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { RpcClient } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore, type StationOptions } from '../../../electron/core/station.js';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/startBrowserHost.js';
import { generateRecords } from '../../fixtures/records.js';

export interface Station {
  url: string;
  dataDir: string;
  core: StationCore;
  host: BrowserHost;
  client: RpcClient;
  /** Adds `count` generated records (ready or draft per their findings) in one transaction. */
  seed(count: number, seed?: number): number;
}

export async function openTestStation(opts: Partial<StationOptions> = {}): Promise<Station & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const core = openStation({ dataDir, validateResults: true, ...opts });
  const host = await startBrowserHost({ dataDir, core });
  const client = new RpcClient(inProcessTransport(core.dispatcher));
  await client.call('settings.set', { key: 'facility.code', value: '79001' });
  await client.call('settings.set', { key: 'facility.name', value: 'Trung tâm Y tế Quận Một' });
  return {
    url: host.url,
    dataDir,
    core,
    host,
    client,
    seed(count, seed = 7) {
      const rows = generateRecords(count, { seed, facilityCode: '79001' });
      return core.store.createRecords(rows, { source: 'import', confirmWarnings: true }).created;
    },
    async close() {
      await host.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ lang: 'vi' | 'en' }, { station: Station }>({
  lang: ['vi', { option: true }],
  station: [
    async ({}, use) => {
      const station = await openTestStation();
      await use(station);
      await station.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** Opens the station page and waits until the first screen is on. */
export async function openStationPage(page: Page, station: Station, route = '/'): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  (page as Page & { stationErrors?: string[] }).stationErrors = errors;
  await page.goto(station.url);
  await expect(page.locator('main#main h1')).toBeVisible();
  if (route !== '/') await page.evaluate((r) => (window.location.hash = r), route);
}

/** Console errors and uncaught exceptions seen on the page (CSP violations show up here). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { stationErrors?: string[] }).stationErrors ?? [];
}

/** Switches the interface language with the header buttons (as a user would). */
export async function setLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
  await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

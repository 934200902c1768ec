import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { STATION_VERSION } from '../../shared/version.js';

it('the version the station reports is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(STATION_VERSION).toBe(pkg.version);
});

#!/usr/bin/env node
// `npm test`: type checks, then every test suite, then one closing line `N passed, N failed`
// (the line CI reads). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

// 1. Types: one check for the whole build (tsc -b over every project reference), then the
// renderer bundle, which the browser-host tests and Playwright serve.
if (run('types', 'npx', ['--no-install', 'tsc', '-b']) === 0) passed += 1;
else failed += 1;
const rendererBuilt = run('renderer build', 'npx', ['--no-install', 'vite', 'build', '-c', 'renderer/vite.config.mts', '--logLevel', 'warn']) === 0;
if (rendererBuilt) passed += 1;
else failed += 1;

// 2. vitest: unit and integration tests, counted from its JSON report.
const out = mkdtempSync(join(tmpdir(), 'station-test-'));
const report = join(out, 'vitest.json');
const status = run('vitest', 'npx', [
  '--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
]);
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load has no tests to count: count it as a failure.
  failed += r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
} catch {
  failed += 1;
  process.stdout.write('vitest wrote no report\n');
}
if (status !== 0 && failed === 0) failed += 1;

// 3. Playwright: the interface in Debian's Chromium against the browser host, once the renderer
// is built. Counted from its JSON report (expected = passed, unexpected + flaky = failed).
const e2eConfig = join(root, 'test/e2e/playwright.config.ts');
if (existsSync(e2eConfig) && rendererBuilt) {
  const pwReport = join(out, 'playwright.json');
  const pwStatus = run('playwright', 'npx', ['--no-install', 'playwright', 'test', '-c', e2eConfig, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
  });
  try {
    const { stats } = JSON.parse(readFileSync(pwReport, 'utf8'));
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
    if (pwStatus !== 0 && stats.unexpected + stats.flaky === 0) failed += 1;
  } catch {
    failed += 1;
    process.stdout.write('playwright wrote no report\n');
  }
}
rmSync(out, { recursive: true, force: true });

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

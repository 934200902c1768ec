#!/usr/bin/env node
// `npm test`: type checks, then every test suite, then one closing line `N passed, N failed`
// (the line CI reads). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

// 1. Types: one check for the whole build (tsc -b over every project reference).
if (run('types', 'npx', ['--no-install', 'tsc', '-b']) === 0) passed += 1;
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
rmSync(out, { recursive: true, force: true });

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

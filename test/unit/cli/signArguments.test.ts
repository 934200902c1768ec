// `station sign` takes the PIN from standard input only (DESIGN §10). A PIN typed as an argument
// by mistake is refused without being repeated: the refusal goes to stdout/stderr, which a
// scheduled task writes to its log (security probe, session 18).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-sign-args-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('station sign with an argument', () => {
  it('is a usage error that says where the PIN goes and never repeats what was typed', async () => {
    for (const argv of [['sign', '73915024'], ['sign', '--pin-stdin', '73915024']]) {
      const { result } = await runCli(['--data-dir', dir, '--json', ...argv]);
      expect(result.exitCode).toBe(2);
      const out = JSON.stringify(result.json) + (result.text ?? '');
      expect(out).not.toContain('73915024');
      expect(result.json).toMatchObject({ ok: false, errors: [{ code: 'USAGE', message_en: expect.stringContaining('--pin-stdin'), message_vi: expect.stringContaining('--pin-stdin') }] });
    }
  });
});

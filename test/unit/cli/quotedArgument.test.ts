// A usage error quotes the word typed; a scheduled task writes it to a log, a terminal shows it.
// A control or bidi character in it is shown escaped, as in every refusal (shared/errors.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-quoted-arg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a usage error quoting what was typed', () => {
  it('shows a control or bidi character escaped, never raw', async () => {
    const { result } = await runCli(['--data-dir', dir, 'bo\u001b[31mgus\u202e\n']);
    expect(result.exitCode).toBe(2);
    expect(result.json).toMatchObject({ ok: false, errors: [{ code: 'USAGE', message_en: expect.stringContaining('bo\\u001b[31mgus\\u202e\\u000a') }] });
    expect(`${JSON.stringify(result.json)}${result.text ?? ''}`.split(`\n\n`)[0]).not.toMatch(/[\u001b\u202e]/);
  });
});

// The real signer host process, started as the core starts it, with STATION_SIGNER_TEST_PORT
// naming a module outside the test fixtures folder: it refuses before importing it (the module
// would leave a mark), says why in both languages on its log, and leaves. The fault-port tests
// (signerHost.faults, signerClient, signEdgeCases) show the allowed module still loads.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_SOURCE, TS_LOADER } from './forkedHost.js';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'station-testport-gate-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the signer host and STATION_SIGNER_TEST_PORT', () => {
  it('refuses a module outside test/fixtures without running it, with a bilingual error, and exits 2', async () => {
    const mark = join(dir, 'ran');
    const module = join(dir, 'evil.mjs');
    writeFileSync(module, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(mark)}, 'ran');\nexport function createFaultPort(real) { return real; }\n`);
    const child = fork(HOST_SOURCE, [], {
      execArgv: ['--import', TS_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, STATION_SIGNER_TEST_PORT: module },
    });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    let ready = false;
    child.on('message', (m) => {
      // A host that got this far did not refuse: stop it, the assertions below say what it did.
      if ((m as { event?: string }).event !== 'host.ready') return;
      ready = true;
      child.kill();
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(existsSync(mark)).toBe(false);
    expect(ready).toBe(false);
    expect(code).toBe(2);
    const line = JSON.parse(log.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', code: 'SIGNER_TEST_PORT_REFUSED', module });
    expect(String(line.message)).toContain('Trình ký không nạp mô-đun kiểm thử');
    expect(String(line.message)).toContain('The signer does not load the test module');
  }, 20_000);
});

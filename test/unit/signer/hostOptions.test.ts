// STATION_SIGNER_TEST_PORT loads a fault-injecting PKCS#11 port into the signer host; it may name
// a module in the program's test fixtures folder and nothing else (electron/signer/hostOptions.ts).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { TEST_FIXTURES_DIR, testPortModule } from '../../../electron/signer/hostOptions.js';

const FAULT_PORT = resolve(import.meta.dirname, '../../fixtures/faultPkcs11.ts');
let dir: string;
let fixtures: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-testport-'));
  fixtures = join(dir, 'test', 'fixtures');
  mkdirSync(fixtures, { recursive: true });
  writeFileSync(join(fixtures, 'port.js'), 'export {};');
  writeFileSync(join(dir, 'elsewhere.js'), 'export {};');
  symlinkSync(join(dir, 'elsewhere.js'), join(fixtures, 'link.js'));
  mkdirSync(join(fixtures, 'sub'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(env: NodeJS.ProcessEnv, folder?: string): StationError {
  try {
    testPortModule(env, folder);
  } catch (err) {
    if (err instanceof StationError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('the signer host’s test port', () => {
  it('is off when the variable is unset or empty', () => {
    expect(testPortModule({})).toBeNull();
    expect(testPortModule({ STATION_SIGNER_TEST_PORT: '' })).toBeNull();
  });

  it('loads the fault port from the program’s own test fixtures folder', () => {
    expect(TEST_FIXTURES_DIR).toBe(resolve(import.meta.dirname, '../../fixtures') + '/');
    expect(testPortModule({ STATION_SIGNER_TEST_PORT: FAULT_PORT })).toBe(FAULT_PORT);
    expect(testPortModule({ STATION_SIGNER_TEST_PORT: join(fixtures, 'port.js') }, fixtures)).toBe(join(fixtures, 'port.js'));
  });

  it('refuses a module anywhere else, in Vietnamese and English, naming the variable', () => {
    const e = refusal({ STATION_SIGNER_TEST_PORT: join(dir, 'elsewhere.js') }, fixtures);
    expect(e.code).toBe('SIGNER_TEST_PORT_REFUSED');
    expect(e.messageVi).toContain('Trình ký không nạp mô-đun kiểm thử');
    expect(e.messageEn).toContain('The signer does not load the test module');
    for (const m of [e.messageVi, e.messageEn]) expect(m).toContain('STATION_SIGNER_TEST_PORT');
    expect(e.message).toBe(`${e.messageVi} / ${e.messageEn}`);
  });

  it('refuses a way out of the folder: "..", a symbolic link leading outside, a folder, a missing file', () => {
    for (const named of [join(fixtures, '..', '..', 'elsewhere.js'), join(fixtures, 'link.js'), join(fixtures, 'sub'), join(fixtures, 'missing.js'), `${fixtures}-x/port.js`]) {
      expect(refusal({ STATION_SIGNER_TEST_PORT: named }, fixtures).code, named).toBe('SIGNER_TEST_PORT_REFUSED');
    }
  });

  it('refuses everything when the folder does not exist (a packaged app has no test/fixtures)', () => {
    expect(refusal({ STATION_SIGNER_TEST_PORT: join(fixtures, 'port.js') }, join(dir, 'no-such-folder')).code).toBe('SIGNER_TEST_PORT_REFUSED');
  });
});

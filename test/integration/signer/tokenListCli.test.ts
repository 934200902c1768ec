// `station token list` (DESIGN §10) against a SoftHSM token: what facility IT sees when a token
// "does not work" — modules tried, tokens, certificates, usable or why not — as JSON and text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCommand } from '../../../electron/cli/commands/token.js';
import { runCli } from '../../../electron/cli/main.js';
import type { CliContext } from '../../../electron/cli/context.js';
import { forkSignerHost } from '../../../electron/core/signer-client/hostProcess.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { HOST_SOURCE, TS_LOADER } from './forkedHost.js';

const root = resolve(import.meta.dirname, '../../..');
let token: SoftHsmToken;
let dataDir: string;
beforeAll(async () => {
  token = await createSoftHsmToken({
    label: 'VNPT-CA test',
    keys: [
      { type: 'EC', label: 'signing' },
      { type: 'RSA', label: 'old', certificate: { variant: 'expired' } },
      { type: 'EC', label: 'renew', certificate: { variant: 'expiresSoon' } },
    ],
  });
  dataDir = mkdtempSync(join(tmpdir(), 'station-cli-token-'));
});
afterAll(() => {
  token.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const ctx = (dir: string): CliContext => ({ json: true, dataDir: dir, readStdin: async () => new Uint8Array(), readSecret: async () => '' });
const command = () => createTokenCommand(forkSignerHost({ entry: HOST_SOURCE, execArgv: ['--import', TS_LOADER], env: token.env }));

interface ListJson {
  ok: boolean;
  loaded: string | null;
  modules: { path: string; status: string; code: string | null; library: { manufacturer: string } | null }[];
  facility: { taxCode: string | null };
  tokens: {
    serial: string;
    label: string;
    certificates: {
      label: string;
      subject: string;
      issuer: string;
      notBefore: string;
      notAfter: string;
      keyType: string;
      usable: boolean;
      problems: { code: string; message_vi: string; message_en: string }[];
      warnings: { code: string; message_vi: string; message_en: string }[];
    }[];
  }[];
  errors?: { code: string; message_vi: string; message_en: string }[];
}

describe('station token list', () => {
  it('--json: the module used, the token, and each certificate usable or why not', async () => {
    const result = await command()(['list', '--module', token.modulePath, '--tax-code', TEST_FACILITY.taxCode], ctx(join(dataDir, 'none')));
    expect(result.exitCode).toBe(0);
    const json = result.json as ListJson;
    expect(json.ok).toBe(true);
    expect(json.loaded).toBe(token.modulePath);
    expect(json.modules[0]).toMatchObject({ path: token.modulePath, status: 'loaded', code: null, library: { manufacturer: 'SoftHSM' } });
    expect(json.tokens).toHaveLength(1);
    expect(json.tokens[0]).toMatchObject({ serial: token.serial, label: 'VNPT-CA test' });
    const certs = Object.fromEntries(json.tokens[0]!.certificates.map((c) => [c.label, c]));
    expect(certs.signing).toMatchObject({ keyType: 'EC', usable: true, problems: [], warnings: [] });
    // Ten days left: still usable, with the date (as the clinic reads it) and the days left.
    expect(certs.renew).toMatchObject({ usable: true, problems: [] });
    expect(certs.renew!.warnings).toEqual([
      {
        code: 'CERT_EXPIRES_SOON',
        message_vi: expect.stringMatching(/^Chứng thư số sắp hết hạn\..*\(hết hạn lúc \d\d:\d\d \d\d\/\d\d\/\d{4} \(UTC\+7\), còn 10 ngày\)$/),
        message_en: expect.stringMatching(/^The certificate expires soon: .*\(it expires at .* \(UTC\+7\), in 10 days\)$/),
      },
    ]);
    expect(certs.signing!.subject).toContain('UID=MST:0301234567');
    expect(certs.signing!.issuer).toContain('Test-CA');
    expect(Date.parse(certs.signing!.notBefore)).toBeLessThan(Date.parse(certs.signing!.notAfter));
    expect(certs.old).toMatchObject({ keyType: 'RSA', usable: false, problems: [
        {
          code: 'CERT_EXPIRED',
          message_vi: expect.stringMatching(/^Chứng thư số đã hết hạn \(hết hạn lúc \d\d:\d\d \d\d\/\d\d\/\d{4} \(UTC\+7\)\)$/),
          message_en: expect.stringMatching(/^The certificate has expired \(it ended at .* \(UTC\+7\)\)$/),
        },
      ],
    });
  });

  it('reads the facility from the station settings when no flag is given', async () => {
    const opened = openStationStore(dataDir, systemStorePorts('test'), { create: true });
    opened.store.setSetting('facility.taxCode', '0109876543');
    opened.close();
    const result = await command()(['list', '--module', token.modulePath], ctx(dataDir));
    const json = result.json as ListJson;
    expect(json.facility.taxCode).toBe('0109876543');
    const signing = json.tokens[0]!.certificates.find((c) => c.label === 'signing')!;
    expect(signing.problems.map((p) => p.code)).toEqual(['CERT_OTHER_FACILITY']);
    expect(result.text).toContain('CERT_OTHER_FACILITY');
  });

  it('text output names the module, the token and why a certificate cannot sign', async () => {
    const result = await command()(['list', '--module', token.modulePath, '--tax-code', TEST_FACILITY.taxCode], { ...ctx(join(dataDir, 'none')), json: false });
    expect(result.text).toContain(`${token.modulePath} — loaded (SoftHSM`);
    expect(result.text).toContain(`Token "VNPT-CA test" serial ${token.serial}`);
    expect(result.text).toContain('usable:   yes');
    expect(result.text).toMatch(/CERT_EXPIRED: Chứng thư số đã hết hạn \(hết hạn lúc .*\) \/ The certificate has expired \(it ended at /);
    expect(result.text).toMatch(/! CERT_EXPIRES_SOON: Chứng thư số sắp hết hạn.* \/ The certificate expires soon/);
  });

  it('a module that cannot be loaded: exit 1 with the diagnostic', async () => {
    const result = await command()(['list', '--module', join(dataDir, 'vnptca_p11_v8.dll')], ctx(join(dataDir, 'none')));
    expect(result.exitCode).toBe(1);
    const json = result.json as ListJson;
    expect(json.ok).toBe(false);
    expect(json.errors![0]).toMatchObject({ code: 'MODULE_NOT_FOUND', message_en: expect.stringContaining('No token driver') });
    expect(json.modules).toEqual([expect.objectContaining({ status: 'missing', code: 'MODULE_MISSING' })]);
  });

  it('is registered in the station CLI (usage errors exit 2)', async () => {
    const { result } = await runCli(['token', 'wipe', '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.stringify(result.json)).toContain('station token list');
  });

  // The built CLI as facility IT runs it (needs `tsc -b`, which `npm test` runs first).
  it.runIf(existsSync(join(root, 'dist/electron/cli/commands/token.js')))('bin/station.mjs token list --json', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin/station.mjs'), 'token', 'list', '--module', token.modulePath, '--tax-code', TEST_FACILITY.taxCode, '--json'], {
      env: { ...process.env, ...token.env, STATION_DATA_DIR: join(dataDir, 'none') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ListJson;
    expect(json.tokens[0]!.serial).toBe(token.serial);
  });
});

// DESIGN §5 module discovery: configured path first, the Windows CA table, then OpenSC; every
// candidate reports why it was not used (missing, 32/64-bit, not PKCS#11, failed to initialise).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WINDOWS_SYSTEM32_MODULES } from '../../../electron/signer/knownModules.js';
import { discoverModule, finalizeQuietly, moduleCandidates, tryLoad } from '../../../electron/signer/moduleDiscovery.js';
import { createPkcs11js } from '../../../electron/signer/pkcs11Port.js';
import { createFaultPort } from '../../fixtures/faultPkcs11.js';
import { SOFTHSM_MODULE } from '../../fixtures/softhsm.js';

const dir = mkdtempSync(join(tmpdir(), 'station-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = (path: string) => ({ path, source: 'configured' as const, vendor: null });
const opts = { createPort: createPkcs11js };

describe('PKCS#11 module candidates', () => {
  it('on Windows: configured, then every table entry in %SystemRoot%\\System32, then OpenSC', () => {
    const list = moduleCandidates({ configured: 'D:\\drivers\\custom.dll', createPort: createPkcs11js, platform: 'win32', systemRoot: 'C:\\Windows' });
    expect(list[0]).toEqual({ path: 'D:\\drivers\\custom.dll', source: 'configured', vendor: null });
    const table = list.filter((c) => c.source === 'windows-table');
    expect(table).toHaveLength(WINDOWS_SYSTEM32_MODULES.length);
    expect(table[0]!.path).toMatch(/System32.viettel-ca_v6\.dll$/);
    expect(table.map((c) => c.vendor)).toEqual(expect.arrayContaining(['Viettel-CA', 'VNPT-CA', 'BKAV-CA', 'FPT-CA', 'Vina-CA', 'SafeNet eToken']));
    expect(list[list.length - 1]!.source).toBe('opensc');
  });

  it('elsewhere: no Windows table, OpenSC last, and a configured path listed once', () => {
    const list = moduleCandidates({ configured: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', createPort: createPkcs11js, platform: 'linux' });
    expect(list.some((c) => c.source === 'windows-table')).toBe(false);
    expect(list.filter((c) => c.path === '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so')).toHaveLength(1);
  });
});

describe('loading a candidate', () => {
  it('reports a missing file', () => {
    const r = tryLoad(base(join(dir, 'nope.so')), opts);
    expect(r.module).toBeNull();
    expect(r.report).toMatchObject({ status: 'missing', code: 'MODULE_MISSING', message_en: expect.stringContaining('missing'), message_vi: expect.any(String) });
  });

  it('reports a 32/64-bit mismatch from the header, without loading the file', () => {
    const path = join(dir, 'vendor32.dll');
    const b = Buffer.alloc(0x100);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    b.writeUInt16LE(0x14c, 0x84);
    writeFileSync(path, b);
    let created = 0;
    const r = tryLoad(base(path), { createPort: () => (created++, createPkcs11js()), processArch: 'x64' });
    expect(created).toBe(0);
    expect(r.report).toMatchObject({ status: 'wrong-architecture', code: 'MODULE_WRONG_ARCHITECTURE' });
    expect(r.report.message_en).toMatch(/32\/64-bit/);
    expect(r.report.detail).toContain('ia32');
  });

  it.runIf(existsSync('/lib/x86_64-linux-gnu/libz.so.1'))('reports a library without C_GetFunctionList as not PKCS#11', () => {
    const r = tryLoad(base('/lib/x86_64-linux-gnu/libz.so.1'), opts);
    expect(r.report).toMatchObject({ status: 'not-pkcs11', code: 'MODULE_NOT_PKCS11' });
  });

  it('reports a file the loader rejects', () => {
    const path = join(dir, 'garbage.so');
    writeFileSync(path, 'garbage');
    expect(tryLoad(base(path), opts).report).toMatchObject({ status: 'load-failed', code: 'MODULE_LOAD_FAILED', detail: expect.any(String) });
  });

  it('reports a failed C_Initialize with its CKR name', () => {
    const r = tryLoad(base(SOFTHSM_MODULE), {
      createPort: () => createFaultPort(createPkcs11js(), { faults: [{ method: 'C_Initialize', code: 'CKR_GENERAL_ERROR' }] }),
    });
    expect(r.report).toMatchObject({ status: 'init-failed', code: 'MODULE_INIT_FAILED', detail: 'CKR_GENERAL_ERROR' });
  });

  it('treats CKR_CRYPTOKI_ALREADY_INITIALIZED as success', () => {
    const confDir = join(dir, 'softhsm');
    mkdirSync(join(confDir, 'tokens'), { recursive: true });
    writeFileSync(join(confDir, 'softhsm2.conf'), `directories.tokendir = ${join(confDir, 'tokens')}\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = join(confDir, 'softhsm2.conf');
    const first = tryLoad(base(SOFTHSM_MODULE), opts);
    const second = tryLoad(base(SOFTHSM_MODULE), opts);
    expect(first.report.status).toBe('loaded');
    expect(second.report).toMatchObject({ status: 'loaded', library: { manufacturer: 'SoftHSM' } });
    finalizeQuietly(first.module!.port);
  });

  it('says which module was loaded and keeps the diagnostics of the ones that were not', () => {
    const { report, module } = discoverModule({ configured: join(dir, 'missing-vendor.dll'), createPort: createPkcs11js, platform: 'linux' });
    expect(report.candidates[0]).toMatchObject({ source: 'configured', status: 'missing' });
    if (module) {
      expect(report.loaded).toBe(module.path);
      expect(report.candidates.find((c) => c.path === module.path)?.status).toBe('loaded');
      finalizeQuietly(module.port);
    } else {
      expect(report.loaded).toBeNull();
    }
  });
});

// `station sign`, `station batches list|export` as a facility's IT scripts would run them:
// a real process, the PIN on standard input, JSON out, exit codes of DESIGN §10.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { verifyExportedBatch } from '../signing/independentVerify.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/station.mjs');
const built = existsSync(join(root, 'dist/electron/cli/main.js'));

let token: SoftHsmToken;
let dir: string;

function station(args: string[], input = '') {
  const r = spawnSync(process.execPath, [bin, '--json', '--data-dir', dir, ...args], {
    input,
    env: { ...process.env, ...token.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, json: JSON.parse(r.stdout || 'null') as Record<string, unknown>, stderr: r.stderr };
}

describe.skipIf(!built)('station sign and batches (CLI)', () => {
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'CLI token', keys: [{ type: 'EC' }] });
    dir = mkdtempSync(join(tmpdir(), 'station-cli-sign-'));
    const core = openStation({ dataDir: dir });
    for (const [k, v] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
      core.store.setSetting(k, v);
    }
    core.store.createRecords(generateRecords(12, { seed: 7, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    await core.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    token.cleanup();
  });

  it('refuses a wrong PIN with exit 1 and a coded reason, and signs nothing', () => {
    const r = station(['sign', '--pin-stdin'], '9999\n');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, errors: [{ code: 'PIN_INCORRECT' }] });
    expect(r.stderr).not.toContain('9999');
  });

  it('in text mode a refusal says why and what to choose, not just its code', () => {
    const text = (args: string[], input: string) =>
      spawnSync(process.execPath, [bin, '--data-dir', dir, ...args], { input, env: { ...process.env, ...token.env }, encoding: 'utf8', timeout: 60_000 });
    const missing = text(['sign', '--pin-stdin', '--token', 'DEADBEEF00'], `${token.pin}\n`);
    expect(missing.status).toBe(1);
    expect(`${missing.stdout}${missing.stderr}`).toContain(`--token ${token.serial}`);
    // A fingerprint no certificate has: looked for on the login too, then refused with the reason.
    const unknown = text(['sign', '--pin-stdin', '--cert', 'ff00ff00'], `${token.pin}\n`);
    expect(unknown.status).toBe(1);
    const out = `${unknown.stdout}${unknown.stderr}`;
    expect(out).toContain('SIGN_CERTIFICATE_NOT_FOUND');
    expect(out).toMatch(/No certificate ff00ff00 is on the token/);
    expect(out).toMatch(/CERT_NOT_FOUND: .+ \/ No matching certificate on the token/);
  });

  it('signs the ready records with the PIN from stdin and lists the batch', () => {
    const r = station(['sign', '--pin-stdin', '--limit', '10'], `${token.pin}\n`);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, count: 10, alg: 'ES256' });
    expect(r.json.root).toMatch(/^[0-9a-f]{64}$/);
    const list = station(['batches', 'list']);
    expect(list.code).toBe(0);
    expect(list.json).toMatchObject({ total: 1, items: [{ id: r.json.batch, count: 10, state: 'signed' }] });
  });

  it('exports exactly the upload body, which verifies independently', () => {
    const list = station(['batches', 'list']);
    const id = (list.json.items as { id: string }[])[0]!.id;
    const out = join(dir, 'batch.cbor');
    const r = station(['batches', 'export', id, '--out', out]);
    expect(r.code).toBe(0);
    const check = verifyExportedBatch(new Uint8Array(readFileSync(out)));
    expect(check).toMatchObject({ signatureValid: true, kidMatches: true, proofsValid: 10 });
  });

  it('takes --token as the serial is printed or typed (case, spaces), and names a serial no token has', () => {
    const missing = station(['sign', '--pin-stdin', '--token', 'DEADBEEF00'], `${token.pin}\n`);
    expect(missing.code).toBe(1);
    expect(missing.json).toMatchObject({ ok: false, errors: [{ code: 'TOKEN_NOT_FOUND', details: { serial: 'DEADBEEF00', present: [token.serial] } }] });
    const typed = token.serial.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
    expect(typed).not.toBe(token.serial);
    const r = station(['sign', '--pin-stdin', '--token', typed], `${token.pin}\n`);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, count: 2 });
  });

  it('answers usage errors with exit 2 and an unknown batch with exit 1', () => {
    expect(station(['batches', 'export']).code).toBe(2);
    expect(station(['sign', 'extra']).code).toBe(2);
    expect(station(['batches', 'export', 'no-such-batch', '--out', join(dir, 'x')]).code).toBe(1);
  });
});

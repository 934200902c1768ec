// The whole path of DESIGN §1 as a facility runs it, through the real `station` command:
// settings → records → one batch signed on a SoftHSM2 token (PKCS#11, the forked signer host)
// → `station sync` to the platform simulator (trusting the token's CA, the facility's key and
// tax code) → certificates pulled back → each HC1 verified by `station dcc verify --trust
// <the simulator's trust list>`, its QR PNG read back to the same text by `station dcc decode`,
// its 11 fields equal to what the station's own records say, an A4 PDF, and the audit chain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';
import { openStation } from '../../../electron/core/station.js';
import { toRecord, type RecordRow } from '../../../electron/core/store/rows.js';
import { certificateViews } from '../../../electron/core/sync/certificateViews.js';
import { certificateFields } from '../../../shared/domain/certificateFields.js';
import { parseTrustFile } from '../../../shared/dcc/trust.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { popplerText } from '../../fixtures/popplerText.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startPlatform, type RunningPlatform } from '../../platform/startPlatform.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/station.mjs');
const built = existsSync(join(root, 'dist/electron/cli/main.js')) && existsSync(join(root, 'dist/electron/core/sync/syncService.js'));
const FACILITY = { code: '79001', apiKey: 'e2e-api-key-79001', taxCode: TEST_FACILITY.taxCode };
const RECORDS = 16;

let token: SoftHsmToken;
let platform: RunningPlatform;
let dir: string;

/**
 * Runs `station --json ...` as a child process. Asynchronously: the platform simulator serves
 * from this test's own event loop, which a spawnSync would block.
 */
function station(args: string[], input = ''): Promise<{ code: number | null; json: Record<string, unknown>; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, '--json', '--data-dir', join(dir, 'station'), ...args], { env: { ...process.env, ...token.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolvePromise({ code, json: JSON.parse(stdout) as Record<string, unknown>, stderr });
      } catch {
        reject(new Error(`station ${args.join(' ')}: no JSON (exit ${code}): ${stdout}\n${stderr}`));
      }
    });
    child.stdin.end(input);
  });
}

describe.skipIf(!built)('records → SoftHSM signature → sync → certificates → verify (the station CLI)', () => {
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'E2E facility token', keys: [{ type: 'EC' }] });
    dir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
    platform = await startPlatform({ dataDir: join(dir, 'platform'), trustCa: [token.ca.pem], facilities: [FACILITY], populationSize: 10 });
    const core = openStation({ dataDir: join(dir, 'station') });
    for (const [k, v] of [['facility.code', FACILITY.code], ['facility.taxCode', FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
      core.store.setSetting(k, v);
    }
    core.store.createRecords(generateRecords(RECORDS, { seed: 5, facilityCode: FACILITY.code }), { source: 'import', confirmWarnings: true });
    await core.close();
  });
  afterAll(async () => {
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
    token?.cleanup();
  });

  it('is set up with station settings; the API key only from stdin and never shown', async () => {
    expect(await station(['settings', 'set', 'platform.url', platform.url])).toMatchObject({ code: 0, json: { value: platform.url } });
    expect((await station(['settings', 'set', 'platform.key', FACILITY.apiKey])).code).toBe(2);
    const set = await station(['settings', 'set', 'platform.key', '--key-stdin'], `${FACILITY.apiKey}\n`);
    expect(set).toMatchObject({ code: 0, json: { key: 'platform.key', value: 'set' } });
    const got = await station(['settings', 'get', 'platform.key']);
    expect(got.json).toEqual({ ok: true, key: 'platform.key', value: 'set' });
    expect(JSON.stringify(got) + set.stderr).not.toContain(FACILITY.apiKey);
    expect((await station(['settings', 'set', 'platform.url', 'http://platform.example.vn'])).json).toMatchObject({ ok: false, errors: [{ code: 'PLATFORM_URL_INSECURE' }] });
  });

  it('signs on the token and syncs: every record accepted, certificates pulled back', async () => {
    const signed = await station(['sign', '--pin-stdin'], `${token.pin}\n`);
    expect(signed).toMatchObject({ code: 0, json: { ok: true, count: RECORDS, alg: 'ES256' } });
    const synced = await station(['sync']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.json).toMatchObject({ ok: true, uploadedBatches: 1, accepted: RECORDS, rejected: 0, duplicates: 0, failedBatches: 0, clockWarning: null });
    expect(synced.json.certificates as number).toBeGreaterThan(0);
    expect(Math.abs(synced.json.clockSkewSeconds as number)).toBeLessThan(5);
  });

  it('each certificate verifies with the simulator’s trust list, its QR PNG reads back to the same HC1, its 11 fields match the records', async () => {
    const list = await station(['certificates', 'list', '--limit', '100']);
    const items = list.json.items as { recordId: string; uvci: string }[];
    expect(items.length).toBe(list.json.total);
    expect(items.length).toBeGreaterThan(0);
    const core = openStation({ dataDir: join(dir, 'station') });
    try {
      for (const item of items.slice(0, 2)) {
        const png = join(dir, `${item.recordId}.png`);
        const pdf = join(dir, `${item.recordId}.pdf`);
        const exported = await station(['certificates', 'export', item.recordId, '--png', png, '--pdf', pdf]);
        expect(exported.code).toBe(0);
        const hc1 = exported.json.hc1 as string;
        expect(exported.json).toMatchObject({ uvci: item.uvci, valid: true });

        const verified = await station(['dcc', 'verify', hc1, '--trust', platform.trustListPath]);
        expect(verified.code).toBe(0);
        expect(verified.json).toMatchObject({ valid: true, steps: { signature: true, expiry: true, schema: true } });

        const image = decodeImage(new Uint8Array(readFileSync(png)));
        expect(readQrFromRgba(image.data, image.width, image.height)).toBe(hc1);
        const decoded = await station(['dcc', 'decode', png]);
        expect(decoded.code).toBe(0);
        expect(decoded.json).toMatchObject({ steps: { image: true }, kid: verified.json.kid, payload: verified.json.payload });

        // The fields from the issued DCC equal the fields the station's own data gives.
        const d = core.store.getRecord(item.recordId);
        const doses = (core.store.db.prepare(`SELECT * FROM dose_records WHERE person_id = ? AND state NOT IN ('superseded', 'rejected', 'draft')`).all(d.person.id) as RecordRow[]).map(toRecord);
        const fromRecords = certificateFields(d.person, doses, { uvci: item.uvci });
        const fields = exported.json.fields as { key: string; value: string }[];
        expect(fields).toHaveLength(11);
        expect(fields.map((f) => [f.key, f.value])).toEqual(fromRecords.map((f) => [f.key, f.value]));
        expect(d.record.state).toBe('issued');

        const pdfBytes = readFileSync(pdf);
        expect(pdfBytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
        expect(pdfBytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
        // Poppler (build/setup-debian.sh) reads the page: the person's name with its marks, the UVCI, A4.
        const text = popplerText(pdf);
        expect(text).toContain(item.uvci);
        expect(text).toContain('Họ và tên / Full name');
        expect(text.split('\n')).toContain(fields.find((f) => f.key === 'fullName')!.value);
        expect(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      }
      // Every certificate, not only the two exported: the DCC's fields are the records' fields.
      const trust = await parseTrustFile(new Uint8Array(readFileSync(platform.trustListPath)));
      const views = certificateViews(core.store);
      for (const item of items) {
        const view = await views.get(item.recordId, trust, new Date());
        expect(view.verification.valid).toBe(true);
        const d = core.store.getRecord(item.recordId);
        const doses = (core.store.db.prepare(`SELECT * FROM dose_records WHERE person_id = ? AND state NOT IN ('superseded', 'rejected', 'draft')`).all(d.person.id) as RecordRow[]).map(toRecord);
        expect(view.fields.map((f) => f.value)).toEqual(certificateFields(d.person, doses, { uvci: item.uvci }).map((f) => f.value));
      }
    } finally {
      void core.close();
    }
  });

  it('leaves the audit chain intact (station audit verify) and a second sync with nothing to do', async () => {
    expect((await station(['audit', 'verify'])).code).toBe(0);
    expect((await station(['sync'])).json).toMatchObject({ ok: true, uploadedBatches: 0, certificates: 0 });
    expect((await station(['certificates', 'export', 'no-such-record'])).code).toBe(1);
  });
});
